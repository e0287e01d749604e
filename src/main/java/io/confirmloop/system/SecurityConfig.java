package io.confirmloop.system;

import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * {@code /api/**}: HTTP Basic against Camunda's identity service, stateless, JSON 401.
 * {@code /engine-rest/**}: Camunda's own Basic filter. The Camunda webapps keep their own login.
 */
@Configuration
class SecurityConfig {

    /**
     * No observation (trace span and timer) around every security filter of every request: it
     * cost about a tenth of an API call's CPU. Requests are still timed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // the client-facing booking calls are the only public ones under /api
                        .requestMatchers("/api/booking/settings").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/booking/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/booking/*/slots").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/booking/*/appointments").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("ConfirmLoop").authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(401);
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ConfirmLoop\"");
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("{\"error\":\"UNAUTHORIZED\",\"message\":\"Sign in with HTTP Basic (a Camunda user)\"}");
                }));
        return http.build();
    }

    /**
     * Actuator: health (and the probes) open to anyone, with details for a signed-in user; every
     * other endpoint (metrics) needs a sign-in.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("ConfirmLoop"));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        // Camunda webapps have their own authentication and CSRF protection; webhooks check signatures.
        http.csrf(csrf -> csrf.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin())
                        .addHeaderWriter(new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                .authorizeHttpRequests(auth -> auth
                        // the clients' booking page and its assets stay public even if the other pages come to need a sign-in
                        .requestMatchers(HttpMethod.GET, "/book/*", "/book.html", "/assets/**").permitAll()
                        .anyRequest().permitAll());
        return http.build();
    }

    /** A request the HTTP firewall refuses (e.g. an encoded "../" in the path) gets the same JSON 400 as every other. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            response.setStatus(400);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"error\":\"INVALID_REQUEST\",\"message\":\"The request path or headers are not allowed\"}");
        };
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>();
        registration.setName("camunda-rest-basic-auth");
        registration.setFilter(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }
}
