package io.confirmloop.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Short URLs for the pages. */
@Configuration
class WebConfig implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
        registry.addViewController("/calendar").setViewName("forward:/calendar.html");
        registry.addViewController("/dev/phone").setViewName("forward:/dev/phone.html");
        registry.addViewController("/dev/mail").setViewName("forward:/dev/mail.html");
    }
}
