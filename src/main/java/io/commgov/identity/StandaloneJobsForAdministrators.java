package io.commgov.identity;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda checks a job against the process it belongs to, and lets anyone act on a job that belongs to no process
 * ("standalone": the history cleanup, batch seed and monitor jobs): {@code POST /engine-rest/job/{id}/execute} by any
 * employee ran the history cleanup at once. Here a standalone job is the platform administrator's (camunda-admin) to
 * read, execute, retry, reschedule, re-prioritise, suspend or delete (the command checker, and a guard for suspension,
 * which asks no checker), and a refused execution leaves the job's retries alone. The job executor runs with no user and
 * is not affected.
 */
@Component
class StandaloneJobsForAdministrators extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandChecker> checkers = configuration.getCommandCheckers() == null
                ? new ArrayList<>(List.of(new TenantCommandChecker(), new AuthorizationCommandChecker()))
                : new ArrayList<>(configuration.getCommandCheckers());
        checkers.replaceAll(c -> c.getClass() == AuthorizationCommandChecker.class ? new Checker() : c);
        configuration.setCommandCheckers(checkers);
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new SuspensionGuard());
        configuration.setManagementService(new CheckBeforeExecuting(configuration));
    }

    /**
     * Camunda checks who may execute a job inside the job's own run, so a refused {@code POST /job/{id}/execute} counts as
     * a failure of the job: five refused calls took the history cleanup job's three retries and stopped the cleanup. Here
     * the check runs first, in a command of its own, and a refused caller leaves the job as it was.
     */
    static final class CheckBeforeExecuting extends ManagementServiceImpl {

        CheckBeforeExecuting(ProcessEngineConfigurationImpl configuration) {
            super(configuration);
        }

        @Override
        public void executeJob(String jobId) {
            commandExecutor.execute(context -> {
                JobEntity job = jobId == null ? null : context.getJobManager().findJobById(jobId);
                if (job != null) {
                    context.getProcessEngineConfiguration().getCommandCheckers().forEach(c -> c.checkUpdateJob(job));
                }
                return null;
            });
            super.executeJob(jobId);
        }
    }

    /**
     * Suspending or activating a job by id asks no command checker when the job belongs to no process (Camunda: "always
     * possible"), so suspending the history cleanup job needs this guard, which runs inside the command's context.
     */
    static final class SuspensionGuard extends CommandInterceptor {

        private static final Field JOB_ID = jobIdField();

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof AbstractSetJobStateCmd) {
                CommandContext context = Context.getCommandContext();
                String jobId = jobIdOf(command);
                JobEntity job = jobId == null || context == null ? null : context.getJobManager().findJobById(jobId);
                if (job != null && standalone(job)) {
                    context.getAuthorizationManager().checkCamundaAdmin();
                }
            }
            return next.execute(command);
        }

        private static String jobIdOf(Command<?> command) {
            try {
                return (String) JOB_ID.get(command);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the job id of " + command.getClass().getName(), e);
            }
        }

        private static Field jobIdField() {
            try {
                Field field = AbstractSetJobStateCmd.class.getDeclaredField("jobId");
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // the engine changed shape: fail loudly at start rather than leave the hole open
                throw new IllegalStateException("Camunda's AbstractSetJobStateCmd has no jobId field any more", e);
            }
        }
    }

    static final class Checker extends AuthorizationCommandChecker {

        @Override
        public void checkUpdateJob(JobEntity job) {
            if (standalone(job)) {
                getAuthorizationManager().checkCamundaAdmin();
            } else {
                super.checkUpdateJob(job);
            }
        }

        @Override
        public void checkUpdateRetriesJob(JobEntity job) {
            if (standalone(job)) {
                getAuthorizationManager().checkCamundaAdmin();
            } else {
                super.checkUpdateRetriesJob(job);
            }
        }

        @Override
        public void checkReadJob(JobEntity job) {
            if (standalone(job)) {
                getAuthorizationManager().checkCamundaAdmin();
            } else {
                super.checkReadJob(job);
            }
        }

    }

    private static boolean standalone(JobEntity job) {
        return job.getProcessDefinitionKey() == null;
    }
}
