package io.commgov.clients;

/** How personal data is shown to those without need (R-CLI-2): {@code 138****5678}, {@code l***@example.com},
 * {@code 1101**********1234}. */
final class Masking {

    private Masking() {
    }

    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.strip();
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }

    /** {@code 1101**********1234}: the first four and last four characters of a resident id number. */
    static String idNumber(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        String id = idNumber.strip();
        if (id.length() <= 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
