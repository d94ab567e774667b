package io.commgov.clients;

import java.util.List;
import java.util.regex.Pattern;

import io.commgov.validation.Fields;
import io.commgov.validation.ResidentIdNumber;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/**
 * Start variables of {@code client-onboarding} (SPEC section 4, plus the optional {@code idNumber}); the client's
 * consent must be given (R-CLI-2).
 */
@Component
class ClientOnboardingStartContract implements StartContract {

    private final ProjectGroups projectGroups;

    ClientOnboardingStartContract(ProjectGroups projectGroups) {
        this.projectGroups = projectGroups;
    }

    static final Pattern ID_NUMBER = Pattern.compile("[1-9][0-9]{16}[0-9Xx]");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{6,19}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    @Override
    public String processKey() {
        return PersonalDataGuard.PROCESS_KEY;
    }

    @Override
    public void check(Fields f) {
        f.requiredName("clientName", 100);
        f.requiredName("company", 200);
        // the rule's message never repeats the value: personal data stays out of logs and error bodies
        String phone = f.requiredText("phone", 40);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            f.reject("phone", "phone-format", "phone must be a telephone number of 7 to 20 digits");
        }
        String email = f.requiredText("email", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            f.reject("email", "email-format", "email must be an e-mail address such as name@example.com");
        }
        String idNumber = f.text("idNumber", 18);
        if (idNumber != null && !ID_NUMBER.matcher(idNumber).matches()) {
            f.reject("idNumber", "pattern", "idNumber must be an 18-character resident id number: 17 digits, then a digit or X");
        } else if (idNumber != null && !ResidentIdNumber.isValid(idNumber)) {
            f.reject("idNumber", "check-digit", "idNumber must be a resident id number with a valid birth date and check digit");
        }
        var groups = f.list("projectGroups", true);
        if (groups.size() > 20) {
            f.reject("projectGroups", "max-size", "projectGroups may name at most 20 groups (got " + groups.size() + ")");
        } else if (groups.stream().allMatch(g -> GROUP.matcher(g).matches())) {
            // R-CLI-1: project groups only; a role or department group would hand the client its powers
            List<String> others = projectGroups.notProjectGroups(groups);
            if (!others.isEmpty()) {
                f.reject("projectGroups", "project-group", "projectGroups must name project groups (groups of type '"
                        + ProjectGroups.GROUP_TYPE + "'); these are not: " + String.join(", ", others));
            }
        } else {
            f.reject("projectGroups", "pattern", "projectGroups entries are group names of letters, digits, '-' or '_'");
        }
        f.futureDate("projectEndDate", true);
        f.requiredFreeText("processingPurpose", 500);
        Boolean consent = f.requiredBoolean("consent");
        if (Boolean.FALSE.equals(consent)) {
            f.reject("consent", "must-be-true", "consent must be true: the client's consent to processing is required (Data Security Law)");
        }
    }
}
