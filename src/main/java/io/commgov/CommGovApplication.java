package io.commgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Approval and operations engine that enforces the communication platform standard on Camunda 7. */
@SpringBootApplication
public class CommGovApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommGovApplication.class, args);
    }
}
