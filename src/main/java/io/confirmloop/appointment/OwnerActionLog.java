package io.confirmloop.appointment;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every owner action on an appointment is in its log, with who did it: each user task of a
 * process that carries an appointment (call the client, follow up a decline, reschedule, reach
 * the client another way) writes "… done by alice" when it is completed, whoever completes it
 * (Tasklist, the REST API). The models stay as the analysts draw them: the listener is added
 * when the engine reads them.
 */
@Configuration(proxyBeanMethods = false)
class OwnerActionLog {

    @Bean
    ProcessEnginePlugin ownerActionsInTheAppointmentLog(ObjectProvider<AppointmentLog> log) {
        TaskListener completed = task -> record(task, log.getObject());
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                if (configuration.getCustomPostBPMNParseListeners() == null) {
                    configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
                }
                configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
                    @Override
                    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                                .addTaskListener(TaskListener.EVENTNAME_COMPLETE, completed);
                    }
                });
            }
        };
    }

    private static void record(DelegateTask task, AppointmentLog log) {
        Object appointmentId = task.getVariable(AppointmentProcess.Variables.APPOINTMENT_ID);
        if (!(appointmentId instanceof String id)) {
            return;
        }
        Authentication signedIn = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String who = signedIn != null && signedIn.getUserId() != null ? signedIn.getUserId() : task.getAssignee();
        Object phone = task.getVariable(AppointmentProcess.Variables.ATTENDEE_PHONE);
        log.add(id, phone instanceof String p ? p : null, "Task \"" + task.getName() + "\" done" + (who == null ? "" : " by " + who));
    }
}
