package io.commgov.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda's identity service locks a user after wrong passwords (for a growing delay, then for good after
 * {@code login-max-attempts}), whoever typed them: anyone could lock anyone out, the administrator included. Here the
 * engine's database identity provider never locks; {@link LoginGuard} makes the guessing address wait instead.
 * (A lock set before this plugin, {@code ATTEMPTS_} and {@code LOCK_EXP_TIME_}, is ignored and cleared at the next
 * right password.)
 */
@Component
class NoUserLock extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                // a writable provider: the engine registers it for WritableIdentityProvider as well
                return UnlockedIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return new UnlockedIdentityProvider();
            }
        });
    }

    static class UnlockedIdentityProvider extends DbIdentityServiceProvider {

        @Override
        protected boolean isUserLocked(UserEntity user) {
            return false;
        }

        @Override
        protected void lockUser(UserEntity user) {
            // no lock: the wrong password is counted for the address that sent it (LoginGuard)
        }
    }
}
