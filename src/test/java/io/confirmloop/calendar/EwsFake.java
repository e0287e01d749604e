package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.confirmloop.support.ProviderServer;
import io.confirmloop.support.ProviderServers;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A stateful fake of an Exchange on-premises server on {@link ProviderServers#EWS}: EWS at
 * {@code /EWS/Exchange.asmx} ({@link EwsFakeOperations}), POX Autodiscover at
 * {@code /autodiscover/autodiscover.xml} and SOAP Autodiscover at {@code /autodiscover/autodiscover.svc}.
 * Every request must sign in as the mailbox's user, with Basic or with the NTLM handshake (401
 * {@code WWW-Authenticate: NTLM} → NEGOTIATE → 401 with a CHALLENGE → AUTHENTICATE naming the user),
 * and EWS requests must be SOAP as {@code text/xml} with a {@code RequestServerVersion} of 2010 or
 * later.
 */
public final class EwsFake implements ProviderFake {

    public static final String EMAIL = EwsFakeXml.OWNER;
    /** An older address of the mailbox: Autodiscover answers it with a redirectAddr to {@link #EMAIL}. */
    public static final String OLD_EMAIL = "pat@old-parkside.example";
    /** A mailbox Autodiscover finds in Exchange Online. */
    public static final String CLOUD_EMAIL = "pat@cloud-parkside.example";
    public static final String USERNAME = "pat@parkside.example";
    public static final String NTLM_USERNAME = "PARKSIDE\\pat";
    public static final String PASSWORD = "exchange-pw-7Qx";
    private static final Set<String> VERSIONS = Set.of("Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2", "Exchange2013",
            "Exchange2013_SP1", "Exchange2016");

    private EwsFakeMailbox mailbox = new EwsFakeMailbox();
    private EwsFakeOperations operations = new EwsFakeOperations(mailbox);
    private final List<StubMapping> faults = new ArrayList<>();
    private boolean revoked;
    private Long busyBackOffMillis;

    @Override
    public Provider provider() {
        return Provider.EWS;
    }

    @Override
    public ProviderServer server() {
        return ProviderServers.EWS;
    }

    @Override
    public synchronized void reset() {
        mailbox = new EwsFakeMailbox();
        operations = new EwsFakeOperations(mailbox);
        revoked = false;
        busyBackOffMillis = null;
        faults.clear();
        server().reset();
        server().answerWith(this::answer);
    }

    public String ewsUrl() {
        return server().baseUrl() + "/EWS/Exchange.asmx";
    }

    @Override
    public Map<String, Object> connection() {
        return new LinkedHashMap<>(Map.of("email", EMAIL, "username", USERNAME, "password", PASSWORD, "serverUrl", ewsUrl(), "authType",
                "basic"));
    }

    @Override
    public synchronized String add(FakeEvent e) {
        EwsFakeMailbox.Item item = mailbox.add(e.title(), e.description(), null, e.start(), e.end(), e.zone(), e.busy(), e.organizedByOwner());
        item.guests = e.guests();
        return item.id;
    }

    /** An event as Exchange keeps it, changed by {@code how} (cancelled, all-day…) before it is stored. */
    public synchronized String add(FakeEvent e, java.util.function.Consumer<EwsFakeMailbox.Item> how) {
        EwsFakeMailbox.Item item = mailbox.add(e.title(), e.description(), null, e.start(), e.end(), e.zone(), e.busy(), e.organizedByOwner());
        how.accept(item);
        return item.id;
    }

    /** The series' UID, which its occurrences report as their series id. */
    @Override
    public synchronized String addSeries(FakeEvent first, int count, Duration every) {
        return mailbox.addSeries(first.title(), first.description(), first.start(), first.end(), first.zone(), first.busy(),
                first.organizedByOwner(), count, every).uid;
    }

    @Override
    public synchronized void move(String eventId, Instant start, Instant end) {
        EwsFakeMailbox.Item item = mailbox.find(eventId).orElseThrow();
        item.start = start;
        item.end = end;
        mailbox.touched(item);
    }

    @Override
    public synchronized void remove(String eventId) {
        mailbox.delete(mailbox.find(eventId).orElseThrow());
    }

    /** The owner deletes the whole series an occurrence belongs to. */
    public synchronized void removeSeriesOf(String occurrenceId) {
        EwsFakeMailbox.Item item = mailbox.find(occurrenceId).orElseThrow();
        mailbox.delete(item.master == null ? item : item.master);
    }

    /** The organizer cancels the meeting: it stays in the calendar with IsCancelled. */
    public synchronized void cancel(String eventId) {
        EwsFakeMailbox.Item item = mailbox.find(eventId).orElseThrow();
        item.cancelled = true;
        mailbox.touched(item);
    }

    @Override
    public synchronized String description(String eventId) {
        return mailbox.find(eventId).orElseThrow().body;
    }

    @Override
    public synchronized void failWith(int status, String retryAfterSeconds) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body>" + status + "</body></html>");
        if (retryAfterSeconds != null) {
            response = response.withHeader("Retry-After", retryAfterSeconds);
        }
        faults.add(server().wireMock().stubFor(any(anyUrl()).atPriority(1).willReturn(response)));
    }

    /** EWS answers every request with the ErrorServerBusy fault and this BackOffMilliseconds, until {@link #clearFaults()}. */
    public synchronized void throttle(long backOffMillis) {
        busyBackOffMillis = backOffMillis;
    }

    @Override
    public synchronized void clearFaults() {
        faults.forEach(f -> server().wireMock().removeStub(f));
        faults.clear();
        busyBackOffMillis = null;
    }

    @Override
    public synchronized void revokeGrant() {
        revoked = true;
    }

    @Override
    public synchronized void expireCursors() {
        mailbox.expireSyncStates();
    }

    private synchronized ResponseDefinition answer(Request request) {
        ResponseDefinition refused = signIn(request);
        if (refused != null) {
            return refused;
        }
        String path = request.getUrl().replaceFirst("\\?.*", "");
        if (!request.getMethod().getName().equals("POST")) {
            return aResponse().withStatus(405).build();
        }
        return switch (path.toLowerCase()) {
            case "/ews/exchange.asmx" -> ews(request);
            case "/autodiscover/autodiscover.xml" -> EwsFakeAutodiscover.pox(request.getBodyAsString(), ewsUrl());
            case "/autodiscover/autodiscover.svc" -> EwsFakeAutodiscover.soap(request.getBodyAsString(), ewsUrl());
            default -> aResponse().withStatus(404).build();
        };
    }

    /** Null when the request is signed in as the mailbox's user; else the 401 that asks it to. */
    private ResponseDefinition signIn(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            boolean known = pair.equals(USERNAME + ":" + PASSWORD) || pair.equals(NTLM_USERNAME + ":" + PASSWORD);
            return known && !revoked ? null : unauthorized();
        }
        int type = EwsFakeNtlm.type(authorization);
        if (type == 1) {
            return aResponse().withStatus(401).withHeader("WWW-Authenticate", "NTLM " + EwsFakeNtlm.challenge()).build();
        }
        if (type == 3) {
            String user = EwsFakeNtlm.user(authorization);
            return !revoked && (user.equalsIgnoreCase(NTLM_USERNAME) || user.equalsIgnoreCase(USERNAME)) ? null : unauthorized();
        }
        return unauthorized();
    }

    private static ResponseDefinition unauthorized() {
        return aResponse().withStatus(401).withHeader("WWW-Authenticate", "Negotiate", "NTLM", "Basic realm=\"mail.parkside.example\"")
                .build();
    }

    private ResponseDefinition ews(Request request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("text/xml")) {
            return aResponse().withStatus(415).build();
        }
        Element operation;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(request.getBodyAsString())));
            Element version = (Element) doc.getElementsByTagNameNS(EwsFakeXml.T, "RequestServerVersion").item(0);
            if (version == null || !VERSIONS.contains(version.getAttribute("Version"))) {
                return fault("ErrorSchemaValidation", "The request failed schema validation: the request is not valid for Exchange2007_SP1.",
                        null);
            }
            Element body = (Element) doc.getElementsByTagNameNS(EwsFakeXml.SOAP, "Body").item(0);
            operation = firstElement(body);
        } catch (Exception e) {
            return fault("ErrorSchemaValidation", "The request failed schema validation.", null);
        }
        if (busyBackOffMillis != null) {
            return fault("ErrorServerBusy", "The server cannot service this request right now. Try again later.", busyBackOffMillis);
        }
        try {
            return xml(200, operations.answer(operation));
        } catch (EwsFakeOperations.Fault f) {
            return fault(f.code, f.getMessage(), null);
        }
    }

    private static Element firstElement(Element parent) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new IllegalArgumentException("empty SOAP body");
    }

    private static ResponseDefinition fault(String code, String text, Long backOff) {
        return xml(500, EwsFakeXml.fault(code, text, backOff));
    }

    static ResponseDefinition xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(body).build();
    }
}
