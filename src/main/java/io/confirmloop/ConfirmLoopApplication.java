package io.confirmloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConfirmLoopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConfirmLoopApplication.class, args);
    }
}
