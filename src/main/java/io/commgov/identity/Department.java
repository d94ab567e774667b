package io.commgov.identity;

/** The demo organisation's departments (SPEC section 1); real ones are Camunda groups of type {@value Departments#GROUP_TYPE}. */
enum Department {
    ADM("行政部 Administration"),
    IT("信息技术部 IT"),
    MKT("市场部 Marketing"),
    PRD("产品部 Product"),
    SAL("销售部 Sales"),
    HR("人力资源部 Human Resources"),
    RND("研发部 R&D"),
    FIN("财务部 Finance");

    private final String displayName;

    Department(String displayName) {
        this.displayName = displayName;
    }

    public String groupId() {
        return Departments.groupIdOf(name());
    }

    public String displayName() {
        return displayName;
    }
}
