package io.commgov.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Camunda 7's task query checks authorizations by joining {@code ACT_RU_AUTHORIZATION} on
 * {@code RESOURCE_ID_ = RES.ID_ OR RESOURCE_ID_ = D.KEY_ OR RESOURCE_ID_ = '*'}. No index serves that OR, so MariaDB
 * scans every authorization of the user's groups for every task: with one per-task authorization per candidate group,
 * Tasklist's group-task list on 10,000 open tasks took 24 s, on 100,000 more than two minutes.
 *
 * <p>This plugin loads the engine's own task query ({@code Task.xml}, from the engine jar, so it follows upgrades) and
 * answers the same question with one {@code EXISTS} per permission and resource, each an index lookup (the form
 * CIB seven and Operaton adopted). Revoke checks and composite permission checks keep Camunda's join. When the engine's
 * mapping no longer has the expected shape, the engine starts with its own query and says so.
 */
@Component
class TaskQueryAuthorizationByExists extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(TaskQueryAuthorizationByExists.class);

    static final String NAMESPACE = "io.commgov.engine.TaskQueryByExists";
    private static final String ENGINE_MAPPING = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";
    private static final String[] STATEMENTS = {"selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria"};

    // the only shape of permission check the EXISTS form answers; anything else keeps the engine's join
    private static final String BY_EXISTS = "authCheck.permissionChecks.disjunctive and (authCheck.permissionChecks.compositeChecks == null"
            + " or authCheck.permissionChecks.compositeChecks.isEmpty())";

    private static final Pattern AUTH_JOIN = Pattern.compile(
            "(<include refid=\"org\\.camunda\\.bpm\\.engine\\.impl\\.persistence\\.entity\\.AuthorizationEntity\\.authCheckJoinWithoutOnClause\"\\s*/>\\s*"
                    + "AUTH ON \\(AUTH\\.RESOURCE_ID_ [^\\n]*\\))");
    private static final String CONTEXTUAL_CHECK =
            "<include refid=\"org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.contextualAuthorizationCheck\" />";

    private final boolean enabled;

    TaskQueryAuthorizationByExists(@Value("${commgov.engine.task-query-exists:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl engine) {
        if (!enabled) {
            log.info("Task queries check authorizations with Camunda's join (commgov.engine.task-query-exists=false)");
            return;
        }
        Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
        if (mybatis.hasStatement(NAMESPACE + "." + STATEMENTS[0] + "ByExists")) {
            return; // a shared session factory already carries it
        }
        String mapper;
        try {
            mapper = mapper(engineMapping());
        } catch (IllegalStateException e) {
            log.warn("Task queries keep Camunda's authorization join: {}", e.getMessage());
            return;
        }
        new XMLMapperBuilder(new ByteArrayInputStream(mapper.getBytes(StandardCharsets.UTF_8)), mybatis,
                "commgov:" + ENGINE_MAPPING, mybatis.getSqlFragments()).parse();
        for (String statement : STATEMENTS) {
            replace(mybatis, statement, mybatis.getMappedStatement(NAMESPACE + "." + statement + "ByExists"));
        }
        log.info("Task queries check authorizations with EXISTS (commgov.engine.task-query-exists)");
    }

    /** The two task-query statements of the engine's mapping, under this namespace, answering authorization by EXISTS. */
    static String mapper(String engineMapping) {
        String select = element(engineMapping, "select", "selectTaskByQueryCriteria");
        String count = element(engineMapping, "select", "selectTaskCountByQueryCriteria");
        String columns = element(engineMapping, "sql", "columnSelection");
        String criteria = element(engineMapping, "sql", "selectTaskByQueryCriteriaSql");

        Matcher join = AUTH_JOIN.matcher(criteria);
        if (!join.find() || join.find(join.end())) {
            throw new IllegalStateException(ENGINE_MAPPING + " has not exactly one authorization join in selectTaskByQueryCriteriaSql");
        }
        join.reset();
        criteria = join.replaceFirst(Matcher.quoteReplacement("<if test=\"!(" + BY_EXISTS + ")\">") + "$1</if>");
        if (criteria.indexOf(CONTEXTUAL_CHECK) < 0 || criteria.indexOf(CONTEXTUAL_CHECK) != criteria.lastIndexOf(CONTEXTUAL_CHECK)) {
            throw new IllegalStateException(ENGINE_MAPPING + " has not exactly one contextual authorization check in selectTaskByQueryCriteriaSql");
        }
        criteria = criteria.replace(CONTEXTUAL_CHECK, "<include refid=\"authorizationByExists\" />");

        // own ids throughout: MyBatis marks a short id that two namespaces share as ambiguous, and the engine asks by short id
        String renamed = (select + "\n" + count + "\n" + columns + "\n" + criteria)
                .replace("\"selectTaskByQueryCriteria\"", "\"selectTaskByQueryCriteriaByExists\"")
                .replace("\"selectTaskCountByQueryCriteria\"", "\"selectTaskCountByQueryCriteriaByExists\"")
                .replace("\"columnSelection\"", "\"columnSelectionByExists\"")
                .replace("\"selectTaskByQueryCriteriaSql\"", "\"selectTaskByQueryCriteriaSqlByExists\"")
                .replace("resultMap=\"taskResultMap\"", "resultMap=\"org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.taskResultMap\"");
        return """
                <?xml version="1.0" encoding="UTF-8" ?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="%s">
                %s
                  <sql id="grantToTheUser">
                    AND A.TYPE_ &lt; 2
                    AND A.RESOURCE_TYPE_ = #{permCheck.resourceType, jdbcType=INTEGER}
                    AND ${bitand1}A.PERMS_${bitand2}#{permCheck.perms, jdbcType=INTEGER}${bitand3} = #{permCheck.perms, jdbcType=INTEGER}
                    AND ( A.USER_ID_ in ( #{authCheck.authUserId, jdbcType=VARCHAR}, '*')
                    <if test="authCheck.authGroupIds != null and authCheck.authGroupIds.size > 0">
                      OR A.GROUP_ID_ IN <foreach item="group" collection="authCheck.authGroupIds" open="(" separator="," close=")">#{group}</foreach>
                    </if>
                    )
                  </sql>
                  <sql id="authorizationByExists">
                    <choose>
                      <when test="authCheck.shouldPerformAuthorizatioCheck and authCheck.authUserId != null
                                  and !authCheck.revokeAuthorizationCheckEnabled and %s">
                        and (
                        <if test="applyAuthorizationCheckForCaseInstances">(RES.CASE_EXECUTION_ID_ IS NOT NULL) OR</if>
                        <foreach item="permCheck" collection="authCheck.permissionChecks.atomicChecks" open="(" separator="OR" close=")">
                          EXISTS (SELECT 1 FROM ${prefix}ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ =
                            <if test="permCheck.resourceIdQueryParam != null">${permCheck.resourceIdQueryParam}</if>
                            <if test="permCheck.resourceIdQueryParam == null">#{permCheck.resourceId, jdbcType=VARCHAR}</if>
                            <include refid="grantToTheUser" />)
                          OR EXISTS (SELECT 1 FROM ${prefix}ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = '*'
                            <include refid="grantToTheUser" />)
                        </foreach>
                        )
                      </when>
                      <otherwise>
                        %s
                      </otherwise>
                    </choose>
                  </sql>
                </mapper>
                """.formatted(NAMESPACE, renamed, BY_EXISTS, CONTEXTUAL_CHECK);
    }

    private static String element(String xml, String tag, String id) {
        int start = xml.indexOf("<" + tag + " id=\"" + id + "\"");
        int end = start < 0 ? -1 : xml.indexOf("</" + tag + ">", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException(ENGINE_MAPPING + " has no <" + tag + " id=\"" + id + "\">");
        }
        return xml.substring(start, end + tag.length() + 3);
    }

    private static String engineMapping() {
        try (InputStream in = ProcessEngineConfigurationImpl.class.getClassLoader().getResourceAsStream(ENGINE_MAPPING)) {
            if (in == null) {
                throw new IllegalStateException(ENGINE_MAPPING + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ENGINE_MAPPING + ": " + e.getMessage(), e);
        }
    }

    // MyBatis refuses to register a statement id twice; the engine asks by the short id, so that entry is swapped
    @SuppressWarnings("unchecked")
    static void replace(Configuration mybatis, String id, MappedStatement replacement) {
        try {
            Field field = Configuration.class.getDeclaredField("mappedStatements");
            field.setAccessible(true);
            Map<String, MappedStatement> statements = (Map<String, MappedStatement>) field.get(mybatis);
            if (statements.remove(id) == null) {
                throw new IllegalStateException("the engine has no statement " + id);
            }
            statements.put(id, replacement);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot replace statement " + id + ": " + e.getMessage(), e);
        }
    }
}
