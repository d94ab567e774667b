package io.commgov.announcements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordDeliveryAbandoned: IT gave up delivering; the record says so, with IT's resolution. */
@Component
class RecordDeliveryAbandonedDelegate implements JavaDelegate {

    private final Announcements announcements;

    RecordDeliveryAbandonedDelegate(Announcements announcements) {
        this.announcements = announcements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        announcements.abandonDelivery(execution.getProcessInstanceId(), (String) execution.getVariable("resolution"));
    }
}
