package io.commgov.identity;

/** The roles of SPEC section 1; each is a Camunda group whose id is part of the integration contract. */
public enum Role {
    EMPLOYEE("employee", "员工"),
    DEPT_HEAD("dept-head", "部门负责人"),
    MENTOR("mentor", "导师"),
    SALES_HEAD("sales-head", "销售负责人"),
    SALES("sales", "销售对接人"),
    IT("it", "IT 运维"),
    IT_HEAD("it-head", "IT 负责人"),
    ADMINISTRATION("administration", "行政审核"),
    SECURITY("security", "安全官"),
    PROCESS_OWNER("process-owner", "流程负责人"),
    CAMUNDA_ADMIN("camunda-admin", "平台管理员");

    private final String groupId;
    private final String displayName;

    Role(String groupId, String displayName) {
        this.groupId = groupId;
        this.displayName = displayName;
    }

    public String groupId() {
        return groupId;
    }

    public String displayName() {
        return displayName;
    }
}
