package io.confirmloop.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.confirmloop.messaging.DeliveryFailureProcess.Elements;
import io.confirmloop.messaging.DeliveryFailureProcess.Forms;
import io.confirmloop.messaging.DeliveryFailureProcess.ReachOutcome;
import io.confirmloop.messaging.DeliveryFailureProcess.Variables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code processes/delivery-failure.bpmn} with its form on an in-memory engine
 * ({@code camunda.cfg.xml}): the owner group gets a task showing the failed text, and the process
 * ends once the owner records how the client was reached. The coverage report is written to
 * {@code target/process-test-coverage/}.
 */
@ExtendWith(ProcessEngineCoverageExtension.class)
@Deployment(resources = {"processes/delivery-failure.bpmn", "processes/reach-client.form"})
class DeliveryFailureProcessTest {

    private static final String APPOINTMENT = "appointment-42";
    private static final String OWNER_GROUP = "calendar-7-owners";
    private static final String ANNA = "+14155550101";
    private static final String SUMMARY = """
            Appointment: Dental check-up, 2030-03-07 09:00
            Client: +14155550101
            Text: "Reminder: your appointment is tomorrow at 09:00. Reply YES to confirm."
            Provider error: 30006 Landline or unreachable carrier""";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    @BeforeEach
    void initAssertions() {
        init(processEngine);
    }

    @AfterEach
    void resetAssertions() {
        reset();
    }

    @Test
    void ownerGroupGetsATaskWithTheFormAndTheFailedText() throws IOException {
        ProcessInstance instance = start();

        assertThat(instance).isStarted().isWaitingAtExactly(Elements.REACH_CLIENT).hasBusinessKey(APPOINTMENT);
        Task task = task(Elements.REACH_CLIENT, instance);
        assertThat(task).hasName("Reach the client another way").hasCandidateGroup(OWNER_GROUP).isNotAssigned();
        assertThat(taskQuery().taskCandidateGroup(OWNER_GROUP).list()).extracting(Task::getId).containsExactly(task.getId());
        assertThat(taskQuery().taskCandidateGroup("calendar-8-owners").count()).isZero();

        Task withForm = taskQuery().taskId(task.getId()).initializeFormKeys().singleResult();
        assertThat(withForm.getFormKey()).isNull();
        assertThat(withForm.getCamundaFormRef().getKey()).isEqualTo(Forms.REACH_CLIENT);
        assertThat(withForm.getCamundaFormRef().getBinding()).isEqualTo("latest");
        assertThat(deployedForm(task).path("id").asText()).isEqualTo(Forms.REACH_CLIENT);

        assertThat(taskService().getVariables(task.getId())).containsExactlyInAnyOrderEntriesOf(Map.of(
                Variables.APPOINTMENT_ID, APPOINTMENT,
                Variables.OWNER_GROUP, OWNER_GROUP,
                Variables.ATTENDEE_PHONE, ANNA,
                Variables.TASK_SUMMARY, SUMMARY));
    }

    @Test
    void formShowsTheSummaryReadOnlyAndOffersEveryOutcome() throws IOException {
        ProcessInstance instance = start();
        JsonNode components = deployedForm(task(Elements.REACH_CLIENT, instance)).path("components");

        JsonNode summary = component(components, Variables.TASK_SUMMARY);
        assertThat(summary.path("type").asText()).isEqualTo("textarea");
        assertThat(summary.path("readonly").asBoolean()).isTrue();

        JsonNode outcome = component(components, Variables.REACH_OUTCOME);
        assertThat(outcome.path("type").asText()).isEqualTo("select");
        assertThat(outcome.path("validate").path("required").asBoolean()).isTrue();
        List<String> values = new ArrayList<>();
        outcome.path("values").forEach(value -> values.add(value.path("value").asText()));
        assertThat(values).containsExactlyElementsOf(
                Arrays.stream(ReachOutcome.values()).map(Enum::name).collect(Collectors.toList()));

        JsonNode notes = component(components, Variables.REACH_NOTES);
        assertThat(notes.path("type").asText()).isEqualTo("textarea");
        assertThat(notes.path("readonly").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReachOutcome.class)
    void completingTheTaskEndsTheProcessWithTheOutcome(ReachOutcome reachOutcome) {
        ProcessInstance instance = start();

        complete(task(Elements.REACH_CLIENT, instance), withVariables(
                Variables.REACH_OUTCOME, reachOutcome.name(),
                Variables.REACH_NOTES, "Called the office line"));

        assertThat(instance).isEnded()
                .hasPassedInOrder(Elements.START, Elements.REACH_CLIENT, Elements.END_CLIENT_REACHED);
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(Elements.END_CLIENT_REACHED).finished().count()).isOne();
        assertThat(historicVariables(instance))
                .containsEntry(Variables.REACH_OUTCOME, reachOutcome.name())
                .containsEntry(Variables.REACH_NOTES, "Called the office line")
                .containsEntry(Variables.APPOINTMENT_ID, APPOINTMENT);
    }

    @Test
    void everyFailedTextGetsItsOwnTask() {
        ProcessInstance first = start();
        ProcessInstance second = start();

        assertThat(taskQuery().taskCandidateGroup(OWNER_GROUP).count()).isEqualTo(2);
        complete(task(Elements.REACH_CLIENT, first), withVariables(Variables.REACH_OUTCOME, ReachOutcome.REACHED.name()));

        assertThat(first).isEnded();
        assertThat(second).isWaitingAtExactly(Elements.REACH_CLIENT);
    }

    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(DeliveryFailureProcess.PROCESS_ID, APPOINTMENT, withVariables(
                Variables.APPOINTMENT_ID, APPOINTMENT,
                Variables.OWNER_GROUP, OWNER_GROUP,
                Variables.ATTENDEE_PHONE, ANNA,
                Variables.TASK_SUMMARY, SUMMARY));
    }

    private static JsonNode deployedForm(Task task) throws IOException {
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            return JSON.readTree(form);
        }
    }

    private static JsonNode component(JsonNode components, String key) {
        for (JsonNode component : components) {
            if (key.equals(component.path("key").asText())) {
                return component;
            }
        }
        throw new AssertionError("The form has no field " + key);
    }

    private static Map<String, Object> historicVariables(ProcessInstance instance) {
        return historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list().stream()
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
    }
}
