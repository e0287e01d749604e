package io.confirmloop.system;

import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
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
 * One sign-in for people, HTTP Basic for programs:
 * <ul>
 * <li>ConfirmLoop's pages and the Camunda webapps (Tasklist, Cockpit, Admin): a form login
 * ({@code /login}) with a session, against Camunda's identity service. The webapps take the
 * signed-in user from the request (Camunda's container-based authentication), so nobody signs in
 * twice.</li>
 * <li>{@code /api/**}: HTTP Basic, JSON 401; a page's calls ride on the page's session (never
 * creating one). The session cookie is SameSite=Lax, so another site cannot make those calls.</li>
 * <li>{@code /engine-rest/**}: Camunda's own Basic filter.</li>
 * </ul>
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
                // a page's session signs its calls in; a program's Basic call never creates one
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .authorizeHttpRequests(auth -> auth
                        // the client-facing booking calls are the only public ones under /api
                        .requestMatchers("/api/booking/settings").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/booking/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/booking/*/slots").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/booking/*/appointments").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("ConfirmLoop").authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(401);
                    if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                        // a program is asked for Basic; a page whose session lapsed goes back to its sign-in page instead
                        response.setHeader("WWW-Authenticate", "Basic realm=\"ConfirmLoop\"");
                    }
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("{\"error\":\"UNAUTHORIZED\",\"message\":\"Sign in with HTTP Basic (a Camunda user), or on /login\"}");
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

    /** The pages an owner signs in for; the Camunda webapps under {@code /camunda}. */
    static final String[] OWNER_PAGES = {"/", "/index.html", "/calendar", "/calendar.html", "/calendars", "/calendars.html",
        "/appointments", "/appointments.html", "/clients", "/clients.html", "/settings", "/settings.html", "/report", "/report.html",
        "/connect-exchange.html", "/dev/**", "/camunda/**"};

    @Bean
    @Order(3)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        // Camunda webapps have their own CSRF protection; webhooks check signatures; the session cookie is SameSite=Lax.
        http.csrf(csrf -> csrf.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin())
                        .addHeaderWriter(new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                .authorizeHttpRequests(auth -> auth
                        // the clients' booking page, the sign-in page and what they load stay public
                        .requestMatchers("/book/**", "/book.html", "/assets/**", "/webjars/**", "/favicon.svg", "/login", "/login.html",
                                "/error").permitAll()
                        .requestMatchers(OWNER_PAGES).authenticated()
                        .anyRequest().permitAll())
                .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"));
        return http.build();
    }

    /**
     * The Camunda webapps take the user signed in to ConfirmLoop (the request's principal, set by
     * Spring Security) with their groups from the identity service: Tasklist and Cockpit open
     * without a login of their own. After Spring Security's filters (order -100).
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSignIn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration = new FilterRegistrationBean<>();
        registration.setName("camunda-webapp-container-sign-in");
        registration.setFilter(new ContainerBasedAuthenticationFilter());
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(101);
        return registration;
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
