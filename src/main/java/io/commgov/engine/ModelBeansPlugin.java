package io.commgov.engine;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Defence in depth behind {@link ModelCodeRules}: the engine's expressions resolve only the allow-listed beans of
 * {@link ModelCode}, never the rest of the application context (the engine's services, the audit ledger, data
 * sources), so a model deployed before the rules existed, a filter's expression or a check this code misses still
 * cannot reach them; and no expression can reach Java's reflection (getClass(), .class).
 */
@Component
class ModelBeansPlugin extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;
    private final ModelCode allowed = ModelCode.shipped();

    ModelBeansPlugin(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new AllowedBeans(context, allowed.allBeanNames());
        // the Spring factory bean made an expression manager over the whole context before the plugins run; replace it
        // (the engine adds its functions, and Spin its own, after preInit)
        configuration.setBeans(beans);
        configuration.setExpressionManager(new ReflectionFreeExpressionManager(context, beans));
    }

    /** The allow-listed beans, looked up when an expression first names one (most need the engine to exist). */
    private static final class AllowedBeans extends AbstractMap<Object, Object> {

        private final ApplicationContext context;
        private final Set<String> names;

        AllowedBeans(ApplicationContext context, Set<String> names) {
            this.context = context;
            this.names = names;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && names.contains(name) && context.containsBean(name);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return names.stream().filter(context::containsBean)
                    .map(name -> (Entry<Object, Object>) new SimpleImmutableEntry<Object, Object>(name, context.getBean(name)))
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private static final class ReflectionFreeExpressionManager extends SpringExpressionManager {

        ReflectionFreeExpressionManager(ApplicationContext context, Map<Object, Object> beans) {
            super(context, beans);
        }

        @Override
        protected ELResolver createElResolver() {
            CompositeELResolver resolver = new CompositeELResolver();
            resolver.add(new NoReflection());
            resolver.add(super.createElResolver());
            return resolver;
        }
    }

    /** Refuses, before any other resolver sees them, reads and calls that lead from a value to Java's reflection. */
    private static final class NoReflection extends ELResolver {

        private static final Set<String> REFLECTION = Set.of("class", "getClass", "forName", "getClassLoader",
                "classLoader", "getMethod", "getDeclaredMethod", "newInstance", "invoke");

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            refuse(base, property);
            return null;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            refuse(base, method);
            return null;
        }

        private static void refuse(Object base, Object name) {
            if (base != null && (base instanceof Class<?> || base instanceof ClassLoader
                    || base instanceof java.lang.reflect.Member || REFLECTION.contains(String.valueOf(name)))) {
                throw new PropertyNotFoundException("Rule " + ModelCodeRules.EXPRESSION + ": expressions may not use '"
                        + name + "' (Java reflection)");
            }
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            // not ours: the other resolvers decide
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return false;
        }

        @Override
        public java.util.Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
