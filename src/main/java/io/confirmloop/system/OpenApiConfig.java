package io.confirmloop.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API described from the code ({@code /v3/api-docs}, {@code /swagger-ui.html}), so it cannot drift. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI confirmLoopApi() {
        return new OpenAPI()
                .info(new Info().title("ConfirmLoop API").version("1")
                        .description("Calendars, appointments, logs and settings. HTTP Basic with a Camunda user; errors are "
                                + "JSON {error, message}."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
