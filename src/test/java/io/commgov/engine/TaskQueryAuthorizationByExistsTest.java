package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.commgov.support.Acting;
import io.commgov.support.CommGovIntegrationTest;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task query with EXISTS answers exactly what Camunda's join answers: for each demo user and each kind of task query
 * Tasklist and the API make, the same tasks in the same order, and the same count.
 */
@CommGovIntegrationTest
class TaskQueryAuthorizationByExistsTest {

    private static final String ENGINE_NAMESPACE = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.";

    @Autowired ProcessEngine engine;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired AuthorizationService authorizationService;

    private final List<String> tasks = new ArrayList<>();
    private final List<String> grants = new ArrayList<>();

    @BeforeEach
    void tasksOfEveryKindOfAuthorization() {
        tasks.add(standalone("offered to IT", t -> taskService.addCandidateGroup(t, "it")));
        tasks.add(standalone("assigned to emma", t -> taskService.setAssignee(t, "emma")));
        tasks.add(standalone("offered to head-rnd", t -> taskService.addCandidateUser(t, "head-rnd")));
        tasks.add(standalone("nobody's", t -> { }));
        // a grant on every task (resource '*') and one on a process definition's tasks (D.KEY_)
        grants.add(grant(a -> {
            a.setUserId("alice");
            a.setResource(Resources.TASK);
            a.setResourceId("*");
            a.addPermission(Permissions.READ);
        }));
        grants.add(grant(a -> {
            a.setGroupId("security");
            a.setResource(Resources.PROCESS_DEFINITION);
            a.setResourceId("account-opening");
            a.addPermission(ProcessDefinitionPermissions.READ_TASK);
        }));
    }

    @AfterEach
    void tearDown() {
        tasks.forEach(id -> taskService.deleteTask(id, true));
        grants.forEach(authorizationService::deleteAuthorization);
    }

    @Test
    void theEngineUsesTheExistsForm() {
        assertThat(mybatis().getMappedStatement("selectTaskByQueryCriteria").getId())
                .isEqualTo(TaskQueryAuthorizationByExists.NAMESPACE + ".selectTaskByQueryCriteriaByExists");
        assertThat(mybatis().getMappedStatement("selectTaskCountByQueryCriteria").getId())
                .isEqualTo(TaskQueryAuthorizationByExists.NAMESPACE + ".selectTaskCountByQueryCriteriaByExists");
    }

    @Test
    void everyUserSeesTheSameTasksAsWithCamundasJoin() {
        Map<String, Function<TaskQuery, TaskQuery>> queries = new LinkedHashMap<>();
        queries.put("all", q -> q);
        queries.put("my group tasks", q -> q.taskCandidateGroupIn(groupsOfCurrent()).taskUnassigned());
        queries.put("offered to me", q -> q.taskCandidateUser(current()));
        queries.put("assigned to me", q -> q.taskAssignee(current()));
        queries.put("involved", q -> q.taskInvolvedUser(current()));
        queries.put("mine or offered (or-query)", q -> q.or().taskAssignee(current()).taskCandidateUser(current()).endOr());
        queries.put("account-opening", q -> q.processDefinitionKey("account-opening"));
        queries.put("by name", q -> q.taskNameLike("%"));

        int compared = 0;
        for (String user : List.of("ivan", "emma", "head-rnd", "alice", "iris", "mia", "sofia", "admin")) {
            for (var query : queries.entrySet()) {
                Function<TaskQuery, TaskQuery> q = query.getValue();
                String what = user + " / " + query.getKey();
                var withExists = run(user, () -> ids(sorted(q.apply(taskService.createTaskQuery()))));
                var countWithExists = run(user, () -> q.apply(taskService.createTaskQuery()).count());
                var withJoin = withCamundasJoin(() -> run(user, () -> ids(sorted(q.apply(taskService.createTaskQuery())))));
                var countWithJoin = withCamundasJoin(() -> run(user, () -> q.apply(taskService.createTaskQuery()).count()));
                assertThat(withExists).as(what).isEqualTo(withJoin);
                assertThat(countWithExists).as(what + " (count)").isEqualTo(countWithJoin).isEqualTo(withJoin.size());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(8 * queries.size());
        // the fixture's grants take effect: a '*' task grant and a process-definition grant
        assertThat(run("alice", () -> ids(taskService.createTaskQuery()))).containsAll(tasks);
        assertThat(run("ivan", () -> ids(taskService.createTaskQuery()))).contains(tasks.get(0)).doesNotContain(tasks.get(1), tasks.get(3));
        assertThat(run("emma", () -> ids(taskService.createTaskQuery()))).contains(tasks.get(1)).doesNotContain(tasks.get(0), tasks.get(3));
    }

    private String standalone(String name, java.util.function.Consumer<String> links) {
        Task task = taskService.newTask();
        task.setName("task query test: " + name);
        taskService.saveTask(task);
        links.accept(task.getId());
        return task.getId();
    }

    private String grant(java.util.function.Consumer<Authorization> rule) {
        Authorization a = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        rule.accept(a);
        return authorizationService.saveAuthorization(a).getId();
    }

    private <T> T run(String user, java.util.function.Supplier<T> query) {
        return Acting.as(identityService, user, query);
    }

    private String current() {
        return identityService.getCurrentAuthentication().getUserId();
    }

    private List<String> groupsOfCurrent() {
        return identityService.getCurrentAuthentication().getGroupIds();
    }

    private static TaskQuery sorted(TaskQuery query) {
        return query.orderByTaskCreateTime().desc().orderByTaskId().asc();
    }

    private static List<String> ids(TaskQuery query) {
        return query.list().stream().map(Task::getId).toList();
    }

    // runs with the engine's own statements put back for a moment
    private <T> T withCamundasJoin(java.util.function.Supplier<T> query) {
        Configuration mybatis = mybatis();
        MappedStatement list = mybatis.getMappedStatement("selectTaskByQueryCriteria");
        MappedStatement count = mybatis.getMappedStatement("selectTaskCountByQueryCriteria");
        TaskQueryAuthorizationByExists.replace(mybatis, "selectTaskByQueryCriteria", mybatis.getMappedStatement(ENGINE_NAMESPACE + "selectTaskByQueryCriteria"));
        TaskQueryAuthorizationByExists.replace(mybatis, "selectTaskCountByQueryCriteria", mybatis.getMappedStatement(ENGINE_NAMESPACE + "selectTaskCountByQueryCriteria"));
        try {
            return query.get();
        } finally {
            TaskQueryAuthorizationByExists.replace(mybatis, "selectTaskByQueryCriteria", list);
            TaskQueryAuthorizationByExists.replace(mybatis, "selectTaskCountByQueryCriteria", count);
        }
    }

    private Configuration mybatis() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSqlSessionFactory().getConfiguration();
    }
}
