package io.commgov.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's REST API answers some of the caller's own errors with a 500: a task that does not exist, a task someone
 * else has just claimed or completed (a lost race, OptimisticLockingException). Those are 404 and 409 with a clear
 * message and Camunda's body shape ({@code type}, {@code message}). Request variables Camunda cannot read (an empty or
 * unknown type, a File without valueInfo, a Json or Xml value that does not parse, a missing body, an over-long JSON
 * name) are the caller's error too: 400. A database that cannot be reached is a 503 ({@link DatabaseUnavailable}). Every
 * other error keeps Camunda's answer.
 */
@Configuration
class EngineRestErrors {

    private static final java.util.regex.Pattern TASK_ACTION =
            java.util.regex.Pattern.compile(".*/task/([^/]+)/(complete|claim|submit-form|resolve)$");

    @Bean
    ResourceConfigCustomizer engineRestErrorMappers(org.camunda.bpm.engine.TaskService taskService,
                                                    org.camunda.bpm.engine.HistoryService historyService,
                                                    org.camunda.bpm.engine.IdentityService identityService) {
        TaskLookup tasks = new TaskLookup() {
            @Override
            public boolean gone(String taskId) {
                return Boolean.TRUE.equals(asEngine(() -> taskService.createTaskQuery().taskId(taskId).count() == 0));
            }

            @Override
            public String endedBecause(String taskId) {
                var caller = identityService.getCurrentAuthentication();
                if (caller == null) {
                    return null;
                }
                return asEngine(() -> {
                    var ended = historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
                    // only someone the task was assigned or offered to learns that it existed
                    boolean offered = ended != null && (caller.getUserId().equals(ended.getAssignee())
                            || historyService.createHistoricIdentityLinkLogQuery().taskId(taskId).list().stream().anyMatch(link ->
                            caller.getUserId().equals(link.getUserId())
                                    || (link.getGroupId() != null && caller.getGroupIds() != null && caller.getGroupIds().contains(link.getGroupId()))));
                    if (!offered) {
                        return null;
                    }
                    String reason = String.valueOf(ended.getDeleteReason());
                    return reason.equals("completed") ? reason : reason.startsWith("withdrawn") ? "its request was withdrawn"
                            : "its request was cancelled or moved on";
                });
            }

            // the caller may no longer read the task (its instance was deleted with its authorizations)
            private <T> T asEngine(java.util.function.Supplier<T> query) {
                try {
                    return io.commgov.identity.Unrestricted.asEngine(identityService, query);
                } catch (RuntimeException e) {
                    // an id the database cannot even compare (e.g. emoji on MariaDB's utf8mb3 columns): no such task
                    return null;
                }
            }
        };
        // instances bound to this application's engine (a JVM may hold several, e.g. two nodes in one test)
        return config -> config.register(new RaceOrMissing(tasks)).register(new WrappedRaceOrMissing(tasks))
                .register(new UnreadableRequest(tasks))
                .register(UnreadableJson.class).register(UnparsableJson.class).register(UnmappableJson.class);
    }

    /** What the error mappers ask of the engine about the task a failed call named, whoever the caller is. */
    interface TaskLookup {
        boolean gone(String taskId);

        /**
         * Why a task the caller was assigned or offered has ended ("completed", "its request was withdrawn", …);
         * {@code null} when it never existed or was never theirs.
         */
        String endedBecause(String taskId);
    }

    /**
     * Two people complete the same task at once: the loser's command can fail on the execution tree the winner has
     * just ended (an NPE deep in the engine, rolled back) rather than an OptimisticLockingException. When the task of a
     * failed task action no longer exists, someone else finished it: 409.
     */
    static Response lostRace(TaskLookup tasks) {
        String taskId = actedOnTask();
        if (taskId != null && tasks.gone(taskId)) {
            return body(Response.Status.CONFLICT, "Conflict", "task " + taskId
                    + " was completed by someone else at the same moment; nothing was changed by this request");
        }
        return null;
    }

    /**
     * A task action on a task that existed but has ended (completed by someone else, or its request withdrawn or
     * cancelled a moment before): 409 with the reason, not the 404 of an id that never existed.
     */
    static Response alreadyEnded(TaskLookup tasks) {
        String taskId = actedOnTask();
        String reason = taskId == null ? null : tasks.endedBecause(taskId);
        if (reason == null) {
            return null;
        }
        return body(Response.Status.CONFLICT, "Conflict", "completed".equals(reason)
                ? "task " + taskId + " has already been completed; nothing was changed by this request"
                : "task " + taskId + " has ended: " + reason + "; nothing was changed by this request");
    }

    // the task id of the current request when it is a task action (complete, claim, submit-form, resolve)
    private static String actedOnTask() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet)) {
            return null;
        }
        var m = TASK_ACTION.matcher(servlet.getRequest().getRequestURI());
        return m.matches() ? java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    /** The status a client-caused engine exception deserves, or {@code null} when it is not one. */
    static Response answerFor(Throwable exception, TaskLookup tasks) {
        Response answer = classify(exception);
        if (answer != null && MISSING_VARIABLE_TYPE.equals(typeOf(answer))) {
            // a loser's command can read the execution the winner has just moved to the next step and fail there, on a
            // variable that step reads (two nodes, read-committed): when the task is gone, the race is the answer
            Response race = lostRace(tasks);
            return race != null ? race : answer;
        }
        if (answer != null && answer.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
            Response ended = alreadyEnded(tasks);
            return ended != null ? ended : answer;
        }
        return answer != null ? answer : lostRace(tasks);
    }

    private static Response classify(Throwable exception) {
        if (DatabaseUnavailable.causedBy(exception)) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5").type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("type", DatabaseUnavailable.TYPE, "message", DatabaseUnavailable.MESSAGE)).build();
        }
        for (Throwable t = exception; t != null; t = t.getCause()) {
            // a model expression (a task name, a condition) reads a variable the caller did not give
            var unresolved = t.getMessage() == null ? null : MISSING_VARIABLE.matcher(t.getMessage());
            if (unresolved != null && unresolved.find()) {
                return missingVariable(unresolved.group(1));
            }
            // a variable in Java serialization: the engine refuses to store it (java-serialization-format-enabled is false)
            var serialized = t.getMessage() == null ? null : JAVA_SERIALIZATION.matcher(t.getMessage());
            if (serialized != null && serialized.find()) {
                String name = serialized.group(1).length() > 100 ? serialized.group(1).substring(0, 100) + "…" : serialized.group(1);
                return invalidVariable(name, "no-java-serialization", name + " is in Java serialization"
                        + " (application/x-java-serialized-object), which CommGov never reads: send it as JSON (application/json)");
            }
            if (t instanceof OptimisticLockingException) {
                return body(Response.Status.CONFLICT, "Conflict",
                        "someone else changed this task or request at the same moment; reload and try again");
            }
            // the same change made twice at once on two nodes (e.g. one claim twice: the assignee's task authorization)
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException && t.getMessage() != null && t.getMessage().contains("ACT_UNIQ_")) {
                return body(Response.Status.CONFLICT, "Conflict",
                        "the same change was made by another request at the same moment; reload and try again");
            }
            // a definition held until its model change is approved (or suspended by the operator) starts nothing
            if (t instanceof org.camunda.bpm.engine.SuspendedEntityInteractionException suspended) {
                return body(Response.Status.CONFLICT, "SuspendedEntityInteractionException", suspended.getMessage()
                        + "; a process definition stays suspended until its model change is approved (model-change); nothing was started");
            }
            if (t instanceof TaskAlreadyClaimedException claimed) {
                return body(Response.Status.CONFLICT, "TaskAlreadyClaimedException", claimed.getMessage());
            }
            Response unreadable = unreadable(t);
            if (unreadable != null) {
                return unreadable;
            }
            // MariaDB: a key or id with characters the engine's utf8mb3 columns cannot hold (e.g. emoji) matches nothing
            if (t.getMessage() != null && t.getMessage().contains("Illegal mix of collations")) {
                return body(Response.Status.NOT_FOUND, "NotFound", "nothing has this key or id: it holds characters no key or id can hold");
            }
            if (t instanceof NullValueException missing && missing.getMessage() != null && missing.getMessage().startsWith("Cannot find")) {
                return body(Response.Status.NOT_FOUND, "NotFound", missing.getMessage());
            }
        }
        return null;
    }

    private static final String MISSING_VARIABLE_TYPE = "InvalidVariables";

    private static Object typeOf(Response answer) {
        return answer.getEntity() instanceof Map<?, ?> body ? body.get("type") : null;
    }

    private static final java.util.regex.Pattern MISSING_VARIABLE = java.util.regex.Pattern.compile("Cannot resolve identifier '(\\w+)'");

    private static final java.util.regex.Pattern JAVA_SERIALIZATION =
            java.util.regex.Pattern.compile("Cannot set variable with name (.*?)\\. Java serialization format is prohibited", java.util.regex.Pattern.DOTALL);

    private static Response missingVariable(String field) {
        return invalidVariable(field, "required", field + " is required by this process");
    }

    // the body shape of CommGov's own 400s (field, rule, message), which Tasklist and clients read
    private static Response invalidVariable(String field, String rule, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", MISSING_VARIABLE_TYPE);
        body.put("message", "Invalid request: " + field + " (" + rule + "): " + message);
        body.put("errors", java.util.List.of(Map.of("field", field, "rule", rule, "message", message)));
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static Response unreadable(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return body(Response.Status.BAD_REQUEST, "InvalidRequestException", "the request body is not JSON the API can read");
        }
        // a transient value over a persisted variable of the same name (e.g. to shadow the requester for one command)
        if (message.contains("ENGINE-17006")) {
            return body(Response.Status.BAD_REQUEST, "InvalidRequestException", firstLine(message.substring(message.indexOf("ENGINE-17006")))
                    + "; nothing was changed");
        }
        if (message.contains("Cannot find serializer for value") || message.contains("Cannot deserialize object in variable")) {
            return body(Response.Status.BAD_REQUEST, "InvalidRequestException",
                    "a variable's value does not match its type: " + firstLine(message));
        }
        if (t instanceof NullPointerException || t instanceof IllegalArgumentException || t instanceof IndexOutOfBoundsException) {
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(4, frames.length); i++) {
                if (frames[i].getClassName().startsWith("org.camunda.bpm.engine.rest.")
                        || frames[i].getClassName().startsWith("org.camunda.bpm.engine.variable.")) {
                    return body(Response.Status.BAD_REQUEST, "InvalidRequestException", t instanceof NullPointerException
                            ? "the request body or one of its variables is missing (null)"
                            : "a variable's type or valueInfo is invalid: " + firstLine(message));
                }
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static Response body(Response.Status status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Thrown straight from the engine (claim, unclaim, set assignee). */
    @Priority(1)
    static class RaceOrMissing implements ExceptionMapper<ProcessEngineException> {
        private final TaskLookup tasks;

        RaceOrMissing(TaskLookup tasks) {
            this.tasks = tasks;
        }

        @Override
        public Response toResponse(ProcessEngineException exception) {
            Response answer = answerFor(exception, tasks);
            return answer != null ? answer : ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }

    /** Anything else Camunda's REST layer would answer with a 500, including reading the request (DTO conversion). */
    @Priority(1)
    static class UnreadableRequest implements ExceptionMapper<Throwable> {
        private final TaskLookup tasks;

        UnreadableRequest(TaskLookup tasks) {
            this.tasks = tasks;
        }

        @Override
        public Response toResponse(Throwable exception) {
            if (exception instanceof jakarta.ws.rs.WebApplicationException web) {
                return web.getResponse();
            }
            Response answer = answerFor(exception, tasks);
            return answer != null ? answer : ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }

    /** A body that is not JSON, or not of the resource's shape: a JSON 400 without the parser's class names. */
    static Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        String where = "";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where = " at " + String.join(".", mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList());
        }
        return body(Response.Status.BAD_REQUEST, "InvalidRequestException",
                "the request body is not JSON of the documented shape" + where);
    }

    @Priority(1)
    static class UnreadableJson implements ExceptionMapper<com.fasterxml.jackson.core.JsonProcessingException> {
        @Override
        public Response toResponse(com.fasterxml.jackson.core.JsonProcessingException exception) {
            return unreadableJson(exception);
        }
    }

    @Priority(1)
    static class UnparsableJson implements ExceptionMapper<com.fasterxml.jackson.core.JsonParseException> {
        @Override
        public Response toResponse(com.fasterxml.jackson.core.JsonParseException exception) {
            return unreadableJson(exception);
        }
    }

    @Priority(1)
    static class UnmappableJson implements ExceptionMapper<com.fasterxml.jackson.databind.JsonMappingException> {
        @Override
        public Response toResponse(com.fasterxml.jackson.databind.JsonMappingException exception) {
            return unreadableJson(exception);
        }
    }

    /** Wrapped by Camunda's resources as a 500 RestException (complete, resolve, submit form). */
    @Priority(1)
    static class WrappedRaceOrMissing implements ExceptionMapper<RestException> {
        private final TaskLookup tasks;

        WrappedRaceOrMissing(TaskLookup tasks) {
            this.tasks = tasks;
        }

        @Override
        public Response toResponse(RestException exception) {
            Response answer = exception.getStatus() == null || exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR
                    ? answerFor(exception.getCause(), tasks)
                    : exception.getStatus() == Response.Status.NOT_FOUND ? alreadyEnded(tasks) : null;
            return answer != null ? answer : ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }
}
