package io.confirmloop.system;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Short URLs for the pages; odd paths reach the security firewall, which answers them in JSON. */
@Configuration
class WebConfig implements WebMvcConfigurer {

    /**
     * Tomcat would refuse an encoded slash itself, with an HTML page; passed through, Spring
     * Security's firewall refuses it with the API's JSON error instead.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesToTheFirewall() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
        registry.addViewController("/calendar").setViewName("forward:/calendar.html");
        registry.addViewController("/login").setViewName("forward:/login.html");
        registry.addViewController("/clients").setViewName("forward:/clients.html");
        registry.addViewController("/calendars").setViewName("forward:/calendars.html");
        registry.addViewController("/appointments").setViewName("forward:/appointments.html");
        registry.addViewController("/settings").setViewName("forward:/settings.html");
        registry.addViewController("/report").setViewName("forward:/report.html");
        registry.addViewController("/dev/phone").setViewName("forward:/dev/phone.html");
        registry.addViewController("/dev/mail").setViewName("forward:/dev/mail.html");
    }
}
