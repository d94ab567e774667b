/** Delivers notifications to people: e-mail over SMTP and messages to the communication platform's IM webhooks, each delivery recorded. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.commgov.notify;
