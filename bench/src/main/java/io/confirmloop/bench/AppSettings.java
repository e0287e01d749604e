package io.confirmloop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every app process of a run shares: the jar and heap, the admin's password, the secret key,
 * and the fake Twilio's account. {@link #launch} makes one process's start of it on a database and
 * port: the {@code postgres} profile, SMS through Twilio (the fake), quiet hours off; email through
 * the app's dev outbox, or over SMTP where a server is given.
 */
record AppSettings(Path jar, String heap, String adminUser, String adminPassword, String secretKey, String accountSid, String authToken,
        String ourNumber) {

    /**
     * @param twilioBaseUrl where this process finds Twilio (the fake, or one of its entrances)
     * @param log           the file the process's output goes to
     */
    AppProcess.Launch launch(String jdbcUrl, int port, String twilioBaseUrl, Path log) {
        Map<String, String> env = Map.of(
                "SPRING_PROFILES_ACTIVE", "postgres",
                "CONFIRMLOOP_DB_URL", jdbcUrl,
                "CONFIRMLOOP_DB_USER", Database.USER,
                "CONFIRMLOOP_DB_PASSWORD", Database.PASSWORD,
                "CONFIRMLOOP_ADMIN_USER", adminUser,
                "CONFIRMLOOP_ADMIN_PASSWORD", adminPassword,
                "CONFIRMLOOP_SECRET_KEY", secretKey);
        List<String> args = List.of(
                "--confirmloop.sms.provider=twilio",
                "--confirmloop.twilio.account-sid=" + accountSid,
                "--confirmloop.twilio.auth-token=" + authToken,
                "--confirmloop.twilio.from-number=" + ourNumber,
                "--confirmloop.twilio.api-base-url=" + twilioBaseUrl,
                "--confirmloop.twilio.public-base-url=http://127.0.0.1:" + port,
                "--confirmloop.reminders.quiet-hours-start=00:00",
                "--confirmloop.reminders.quiet-hours-end=00:00");
        return new AppProcess.Launch(jar, heap, port, env, args, log);
    }

    /** The same, with email over SMTP ({@code confirmloop.mail.provider=smtp}) to a server without login. */
    AppProcess.Launch launch(String jdbcUrl, int port, String twilioBaseUrl, String smtpHost, int smtpPort, Path log) {
        AppProcess.Launch launch = launch(jdbcUrl, port, twilioBaseUrl, log);
        List<String> args = new ArrayList<>(launch.args());
        args.addAll(List.of(
                "--confirmloop.mail.provider=smtp",
                "--spring.mail.host=" + smtpHost,
                "--spring.mail.port=" + smtpPort));
        return new AppProcess.Launch(jar, heap, port, launch.env(), args, log);
    }

    /** The admin's client of one app process. */
    AppClient client(AppProcess app) {
        return new AppClient(app.baseUrl(), adminUser, adminPassword);
    }
}
