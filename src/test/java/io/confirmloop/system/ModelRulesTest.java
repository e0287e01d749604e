package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules every model in {@code processes/} follows (see STYLE.md, "BPMN / DMN / forms"). Plain
 * parsing, no engine: fails fast when a model is edited in a way the code or Cockpit relies on.
 */
class ModelRulesTest {

    private static final Path PROCESSES = Path.of("processes");

    /** {@code <Type>_<Name>}, optionally with further {@code _<Qualifier>} parts; no Modeler random ids. */
    private static final Pattern FLOW_NODE_ID = Pattern.compile(
            "^(StartEvent|EndEvent|Task|UserTask|ServiceTask|BusinessRuleTask|CallActivity|Gateway|Timer|Message|LinkThrow|LinkCatch"
                    + "|BoundaryEvent|SubProcess|IntermediateEvent|Event)_[A-Z][A-Za-z]+(_[A-Z][A-Za-z]+)*$");
    private static final Pattern SEQUENCE_FLOW_ID = Pattern.compile("^Flow_[A-Z][A-Za-z]+$");
    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("^\\$\\{[a-z][A-Za-z0-9]*}$");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<Path, BpmnModelInstance> processes;
    private static Map<Path, DmnModelInstance> decisions;
    private static Map<Path, JsonNode> forms;
    private static Map<Path, String> unreadableForms;

    @BeforeAll
    static void readModels() throws IOException {
        processes = new LinkedHashMap<>();
        for (Path file : files("*.bpmn")) {
            processes.put(file, Bpmn.readModelFromFile(file.toFile()));
        }
        decisions = new LinkedHashMap<>();
        for (Path file : files("*.dmn")) {
            decisions.put(file, Dmn.readModelFromFile(file.toFile()));
        }
        forms = new LinkedHashMap<>();
        unreadableForms = new LinkedHashMap<>();
        for (Path file : files("*.form")) {
            try {
                forms.put(file, JSON.readTree(file.toFile()));
            } catch (IOException e) {
                unreadableForms.put(file, e.getMessage());
            }
        }
    }

    @Test
    void processesDirectoryHoldsTheAppointmentLifecycle() {
        assertThat(processes.keySet()).extracting(ModelRulesTest::baseName).contains("appointment-lifecycle");
    }

    @Test
    void everyProcessIsNamedAfterItsFileAndKeepsHistory() {
        assertNoViolations((file, violations) -> {
            Collection<Process> all = processes.get(file).getModelElementsByType(Process.class);
            if (all.size() != 1) {
                violations.add(file + ": expected exactly one process, found " + all.size());
                return;
            }
            Process process = all.iterator().next();
            if (!baseName(file).equals(process.getId())) {
                violations.add(file + ": process id " + process.getId() + " differs from the file name");
            }
            if (!process.isExecutable()) {
                violations.add(file + ": process is not executable");
            }
            if (isBlank(process.getCamundaHistoryTimeToLiveString())) {
                violations.add(file + ": process has no historyTimeToLive");
            }
        });
    }

    @Test
    void everyFlowNodeIsNamedAndHasAConventionalId() {
        assertNoViolations((file, violations) -> {
            for (FlowNode node : processes.get(file).getModelElementsByType(FlowNode.class)) {
                if (node.getId() == null || !FLOW_NODE_ID.matcher(node.getId()).matches()) {
                    violations.add(file + ": flow node id " + node.getId() + " does not follow <Type>_<Name>");
                }
                if (isBlank(node.getName())) {
                    violations.add(file + ": flow node " + node.getId() + " has no name");
                }
            }
            for (SequenceFlow flow : processes.get(file).getModelElementsByType(SequenceFlow.class)) {
                if (flow.getId() == null || !SEQUENCE_FLOW_ID.matcher(flow.getId()).matches()) {
                    violations.add(file + ": sequence flow id " + flow.getId() + " does not follow Flow_<Name>");
                }
            }
        });
    }

    @Test
    void everyFlowOutOfADecidingExclusiveGatewayIsNamed() {
        assertNoViolations((file, violations) -> {
            for (ExclusiveGateway gateway : processes.get(file).getModelElementsByType(ExclusiveGateway.class)) {
                Collection<SequenceFlow> outgoing = gateway.getOutgoing();
                if (outgoing.size() < 2) {
                    continue;
                }
                for (SequenceFlow flow : outgoing) {
                    if (isBlank(flow.getName())) {
                        violations.add(file + ": flow " + flow.getId() + " out of " + gateway.getId() + " has no name");
                    }
                }
            }
        });
    }

    @Test
    void serviceTasksCallASpringBeanThroughADelegateExpression() {
        assertNoViolations((file, violations) -> {
            for (ServiceTask task : processes.get(file).getModelElementsByType(ServiceTask.class)) {
                String expression = task.getCamundaDelegateExpression();
                if (expression == null || !DELEGATE_EXPRESSION.matcher(expression).matches()) {
                    violations.add(file + ": service task " + task.getId()
                            + " must use camunda:delegateExpression=\"${bean}\", has " + expression);
                }
                if (task.getCamundaClass() != null || task.getCamundaExpression() != null
                        || task.getCamundaType() != null) {
                    violations.add(file + ": service task " + task.getId()
                            + " must not use camunda:class, camunda:expression or camunda:type");
                }
            }
        });
    }

    @Test
    void asyncServiceTasksRetryOnACycle() {
        assertNoViolations((file, violations) -> {
            for (ServiceTask task : processes.get(file).getModelElementsByType(ServiceTask.class)) {
                if (task.isCamundaAsyncBefore() && isBlank(retryTimeCycle(task))) {
                    violations.add(file + ": async service task " + task.getId() + " has no failedJobRetryTimeCycle");
                }
            }
        });
    }

    @Test
    void everyFlowNodeAndSequenceFlowIsDrawn() {
        assertNoViolations((file, violations) -> {
            BpmnModelInstance model = processes.get(file);
            Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                    .filter(shape -> shape.getBpmnElement() != null)
                    .map(shape -> shape.getBpmnElement().getId())
                    .collect(Collectors.toSet());
            Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                    .filter(edge -> edge.getBpmnElement() != null)
                    .map(edge -> edge.getBpmnElement().getId())
                    .collect(Collectors.toSet());
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                if (!shapes.contains(node.getId())) {
                    violations.add(file + ": flow node " + node.getId() + " has no diagram shape");
                }
            }
            for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                if (!edges.contains(flow.getId())) {
                    violations.add(file + ": sequence flow " + flow.getId() + " has no diagram edge");
                }
            }
        });
    }

    @Test
    void userTasksGoToCandidateGroupsAndShowAnExistingForm() {
        Set<String> formIds = forms.values().stream()
                .map(form -> form.path("id").asText(""))
                .collect(Collectors.toSet());
        assertNoViolations((file, violations) -> {
            for (UserTask task : processes.get(file).getModelElementsByType(UserTask.class)) {
                if (isBlank(task.getCamundaCandidateGroups())) {
                    violations.add(file + ": user task " + task.getId() + " has no candidateGroups");
                }
                if (task.getCamundaAssignee() != null) {
                    violations.add(file + ": user task " + task.getId() + " has a hard-coded assignee");
                }
                String formRef = task.getCamundaFormRef();
                if (formRef == null || !formIds.contains(formRef)) {
                    violations.add(file + ": user task " + task.getId() + " refers to form " + formRef
                            + ", which is not in " + formIds);
                }
            }
        });
    }

    @Test
    void decisionsAreNamedAfterTheirFileAndKeepHistory() {
        List<String> violations = new ArrayList<>();
        decisions.forEach((file, model) -> {
            Collection<Decision> all = model.getModelElementsByType(Decision.class);
            if (all.stream().noneMatch(decision -> baseName(file).equals(decision.getId()))) {
                violations.add(file + ": no decision has the id " + baseName(file));
            }
            for (Decision decision : all) {
                if (isBlank(decision.getCamundaHistoryTimeToLiveString())) {
                    violations.add(file + ": decision " + decision.getId() + " has no historyTimeToLive");
                }
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void formsAreJsonObjectsWithAUniqueId() {
        List<String> violations = new ArrayList<>();
        unreadableForms.forEach((file, error) -> violations.add(file + ": not valid JSON: " + error));
        Map<String, Path> seen = new HashMap<>();
        forms.forEach((file, form) -> {
            String id = form.path("id").asText("");
            if (!form.isObject() || isBlank(id)) {
                violations.add(file + ": form has no id");
                return;
            }
            if (!form.path("components").isArray()) {
                violations.add(file + ": form has no components");
            }
            Path other = seen.putIfAbsent(id, file);
            if (other != null) {
                violations.add(file + ": form id " + id + " is also used by " + other);
            }
        });
        assertThat(violations).isEmpty();
    }

    private static void assertNoViolations(BiConsumer<Path, List<String>> rule) {
        assertThat(processes).as("BPMN files in %s", PROCESSES.toAbsolutePath()).isNotEmpty();
        List<String> violations = new ArrayList<>();
        for (Path file : processes.keySet()) {
            rule.accept(file, violations);
        }
        assertThat(violations).isEmpty();
    }

    private static String retryTimeCycle(BaseElement element) {
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        return extensions.getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class)
                .list().stream()
                .map(CamundaFailedJobRetryTimeCycle::getTextContent)
                .filter(text -> !isBlank(text))
                .findFirst()
                .orElse(null);
    }

    private static List<Path> files(String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(PROCESSES)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(PROCESSES, glob)) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
