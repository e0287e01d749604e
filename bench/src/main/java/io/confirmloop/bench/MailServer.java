package io.confirmloop.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server on loopback (GreenMail) that the app mails to. It accepts every mail without
 * a login and keeps it with the time it arrived. It can be stopped ({@link #stop}: connections are
 * refused, as when a mail server is down) and started again on the same port ({@link #startAgain});
 * the mails received before the stop are kept.
 */
final class MailServer implements AutoCloseable {

    /**
     * One mail as it arrived.
     *
     * @param appMessageId the app's id of the message (header {@code X-ConfirmLoop-Message-Id}), or null
     */
    record Mail(String to, String subject, String appMessageId, Instant receivedAt) {
    }

    private static final String HOST = "127.0.0.1";
    private static final String APP_MESSAGE_ID = "X-ConfirmLoop-Message-Id";

    private final ServerSetup setup;
    private final List<Mail> beforeStops = new ArrayList<>();
    private GreenMail server;

    private MailServer(ServerSetup setup) {
        this.setup = setup;
    }

    static MailServer start() throws IOException {
        MailServer mail = new MailServer(new ServerSetup(AppProcess.freePort(), HOST, ServerSetup.PROTOCOL_SMTP));
        mail.startAgain();
        return mail;
    }

    String host() {
        return HOST;
    }

    int port() {
        return setup.getPort();
    }

    synchronized boolean running() {
        return server != null;
    }

    /** Stops the server: connections to its port are refused until {@link #startAgain}. Its mails so far are kept. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        // GreenMail forgets its mails when it stops: read them from the store it had
        Managers managers = server.getManagers();
        server.stop();
        server = null;
        beforeStops.addAll(read(managers));
    }

    /** Starts the server on its port (again). */
    synchronized void startAgain() {
        if (server != null) {
            return;
        }
        GreenMail started = new GreenMail(setup);
        started.start();
        server = started;
    }

    /** Every mail received, before and after stops, in arrival order. */
    synchronized List<Mail> mails() {
        List<Mail> all = new ArrayList<>(beforeStops);
        if (server != null) {
            all.addAll(read(server.getManagers()));
        }
        all.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
        return all;
    }

    private static List<Mail> read(Managers managers) {
        List<Mail> mails = new ArrayList<>();
        for (StoredMessage stored : managers.getImapHostManager().getAllMessages()) {
            MimeMessage message = stored.getMimeMessage();
            try {
                Address[] recipients = message.getAllRecipients();
                String[] appId = message.getHeader(APP_MESSAGE_ID);
                mails.add(new Mail(recipients == null || recipients.length == 0 ? "" : recipients[0].toString(), message.getSubject(),
                        appId == null ? null : appId[0], stored.getReceivedDate().toInstant()));
            } catch (MessagingException e) {
                throw new IllegalStateException("Could not read a received mail", e);
            }
        }
        return mails;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
