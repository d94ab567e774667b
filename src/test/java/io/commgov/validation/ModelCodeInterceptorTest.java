package io.commgov.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.delegate.ExpressionGetInvocation;
import org.camunda.bpm.engine.impl.delegate.ExpressionSetInvocation;
import org.junit.jupiter.api.Test;

/** A model's expression is marked as model code while it runs; a delegate bean's own invocation is not. */
class ModelCodeInterceptorTest {

    private final List<Boolean> seen = new ArrayList<>();
    private final ModelCodeInterceptor interceptor = new ModelCodeInterceptor(invocation -> seen.add(ProtectedVariables.inModelCode()));

    @Test
    void expressionsAreModelCodeAndDelegatesAreNot() throws Exception {
        interceptor.handleInvocation(new ExpressionGetInvocation(null, null, null));
        interceptor.handleInvocation(new ExpressionSetInvocation(null, null, "x", null));
        interceptor.handleInvocation(new DelegateInvocation(null, null) {
            @Override
            protected void invoke() {
            }
        });

        assertThat(seen).containsExactly(true, true, false);
        assertThat(ProtectedVariables.inModelCode()).isFalse();
    }
}
