package io.commgov.announcements;

/** What the screen looks for (R-ANN-1). Hard hits reject the submission at once; soft hits go to the reviewer. */
public enum Category {
    ADVERTISING_RUMOUR("广告/谣言", Severity.SOFT),
    TRADE_SECRET("商业秘密", Severity.HARD),
    HARASSMENT("人身攻击/骚扰", Severity.HARD),
    CUSTOMER_DATA("客户数据", Severity.HARD);

    public enum Severity { SOFT, HARD }

    private final String label;
    private final Severity severity;

    Category(String label, Severity severity) {
        this.label = label;
        this.severity = severity;
    }

    public String label() {
        return label;
    }

    public Severity severity() {
        return severity;
    }

    /** Categories kept as word lists (customer data is found by pattern rules instead). */
    static boolean isWordList(Category category) {
        return category != CUSTOMER_DATA;
    }
}
