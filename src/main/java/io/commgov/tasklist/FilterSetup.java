package io.commgov.tasklist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the {@link ShippedFilters} once and keeps them as shipped: on every start of every node, a filter is
 * created or updated only while its row in {@code cg_tasklist_filter} is locked, and only when its definition changed.
 */
@Component
class FilterSetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FilterSetup.class);

    private final FilterService filterService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    FilterSetup(FilterService filterService, TaskService taskService, AuthorizationService authorizationService,
                JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.authorizationService = authorizationService;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void run(ApplicationArguments args) {
        int changed = 0;
        for (ShippedFilters.ShippedFilter shipped : ShippedFilters.ALL) {
            claimRow(shipped.key());
            Boolean didChange = transaction.execute(status -> apply(shipped));
            changed += Boolean.TRUE.equals(didChange) ? 1 : 0;
        }
        log.info("Tasklist filters in place: {} shipped, {} created or updated", ShippedFilters.ALL.size(), changed);
    }

    /** The row every node locks before touching the filter; another node may have inserted it first. */
    private void claimRow(String key) {
        try {
            transaction.executeWithoutResult(status -> {
                if (jdbc.queryForObject("SELECT COUNT(*) FROM cg_tasklist_filter WHERE filter_key = ?", Integer.class, key) == 0) {
                    jdbc.update("INSERT INTO cg_tasklist_filter (filter_key) VALUES (?)", key);
                }
            });
        } catch (DuplicateKeyException alreadyThere) {
            log.debug("Filter row {} was inserted by another node", key);
        }
    }

    private boolean apply(ShippedFilters.ShippedFilter shipped) {
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT filter_id, definition_hash FROM cg_tasklist_filter WHERE filter_key = ? FOR UPDATE", shipped.key());
        TaskQuery query = shipped.query(taskService);
        String hash = hashOf(shipped, query);
        String filterId = (String) row.get("filter_id");
        Filter filter = filterId == null ? null : filterService.getFilter(filterId);
        boolean change = filter == null || !hash.equals(row.get("definition_hash"));
        if (change) {
            if (filter == null) {
                filter = filterService.newTaskFilter();
            }
            filter.setName(shipped.name());
            filter.setOwner(null);
            filter.setQuery(query);
            filter.setProperties(shipped.properties());
            filter = filterService.saveFilter(filter);
            jdbc.update("UPDATE cg_tasklist_filter SET filter_id = ?, definition_hash = ?, updated_at = CURRENT_TIMESTAMP"
                    + " WHERE filter_key = ?", filter.getId(), hash, shipped.key());
        }
        for (String group : shipped.groups()) {
            grantRead(group, filter.getId());
        }
        return change;
    }

    private void grantRead(String groupId, String filterId) {
        boolean granted = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(Resources.FILTER)
                .resourceId(filterId)
                .hasPermission(Permissions.READ)
                .count() > 0;
        if (!granted) {
            Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(Resources.FILTER);
            authorization.setResourceId(filterId);
            authorization.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(authorization);
        }
    }

    static String hashOf(ShippedFilters.ShippedFilter shipped, TaskQuery query) {
        String definition = shipped.name() + "\n" + new JsonTaskQueryConverter().toJson(query) + "\n"
                + shipped.properties() + "\n" + shipped.groups();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
