package io.commgov.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * A JDBC proxy that counts what an application sends to its database: statements (a batched statement counts once per
 * {@code addBatch}) and round trips ({@code execute*} and {@code executeBatch} calls). Installed as a bean post-processor,
 * it wraps every {@link DataSource} bean of one application context.
 */
final class StatementCounter implements BeanPostProcessor {

    final LongAdder statements = new LongAdder();
    final LongAdder roundTrips = new LongAdder();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass()) ? wrap(dataSource) : bean;
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, result) -> result instanceof Connection c ? proxy(Connection.class, c, this::statement) : result);
    }

    private Object statement(Method method, Object result) {
        if (result instanceof CallableStatement s) {
            return proxy(CallableStatement.class, s, this::count);
        }
        if (result instanceof PreparedStatement s) {
            return proxy(PreparedStatement.class, s, this::count);
        }
        if (result instanceof Statement s) {
            return proxy(Statement.class, s, this::count);
        }
        return result;
    }

    private Object count(Method method, Object result) {
        String name = method.getName();
        if (name.equals("addBatch")) {
            statements.increment();
        } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
            roundTrips.increment();
        } else if (name.startsWith("execute")) {
            statements.increment();
            roundTrips.increment();
        }
        return result;
    }

    long statements() {
        return statements.sum();
    }

    long roundTrips() {
        return roundTrips.sum();
    }

    private interface After {
        Object apply(Method method, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> wanted && wanted.isInstance(self)) {
                return self;
            }
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
