package io.commgov.validation;

import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.delegate.ExpressionGetInvocation;
import org.camunda.bpm.engine.impl.delegate.ExpressionSetInvocation;
import org.camunda.bpm.engine.impl.delegate.ScriptInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;

/**
 * Marks the evaluation of a model's expression or script, so that {@link ProtectedVariableGuard} refuses what it writes
 * (e.g. {@code ${execution.setVariable('initiator', …)}}) even in the job executor, where no user is authenticated.
 * A delegate expression only names a bean here; the bean itself runs afterwards, outside the mark.
 */
class ModelCodeInterceptor implements DelegateInterceptor {

    private final DelegateInterceptor next;

    ModelCodeInterceptor(DelegateInterceptor next) {
        this.next = next;
    }

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
        boolean modelCode = invocation instanceof ExpressionGetInvocation || invocation instanceof ExpressionSetInvocation
                || invocation instanceof ScriptInvocation;
        if (!modelCode) {
            next.handleInvocation(invocation);
            return;
        }
        ProtectedVariables.enterModelCode();
        try {
            next.handleInvocation(invocation);
        } finally {
            ProtectedVariables.leaveModelCode();
        }
    }
}
