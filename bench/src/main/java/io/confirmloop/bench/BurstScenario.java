package io.confirmloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * (b) Burst: N appointments whose confirmation requests all fall due at one instant T (set up by
 * {@link BurstSetUp}); every text's arrival at the fake Twilio is measured against T. Then the size
 * of the app's database and of its largest tables, read from PostgreSQL.
 */
final class BurstScenario {

    /**
     * The numbers that received their confirmation request, for (c); the appointments set up, and
     * the section, for figures taken after the burst.
     */
    record Outcome(HandOff handOff, List<String> remindedNumbers, int appointments, Report.Section section) {
    }

    private final AppClient app;
    private final FakeTwilio twilio;
    private final PhonePool phones;
    private final BenchOptions options;
    private final String group;
    private final Database database;
    private final String databaseName;

    /** @param databaseName the app's database on {@code database}, whose size is read after the burst */
    BurstScenario(AppClient app, FakeTwilio twilio, PhonePool phones, BenchOptions options, String group, Database database,
            String databaseName) {
        this.app = app;
        this.database = database;
        this.databaseName = databaseName;
        this.twilio = twilio;
        this.phones = phones;
        this.options = options;
        this.group = group;
    }

    Outcome run(Report report) throws InterruptedException {
        BurstSetUp.Appointments setUp = new BurstSetUp(List.of(app), phones, options, group, "(b)").create();
        Instant due = setUp.due();
        HandOff handOff = HandOff.collect(twilio, setUp.numbers(), due, Duration.between(Instant.now(), due).plus(options.sendTimeout()),
                options.quietPeriod());
        Progress.say("(b) %d of %d numbers reached, last %s after T", handOff.distinct(), setUp.numbers().size(),
                Format.seconds(handOff.lateness().max()));

        Report.Section section = report.section("(b) burst: " + setUp.n() + " confirmation requests due at one instant, through the app");
        setUp.addTo(section);
        handOff.addTo(section, "T", true);
        database.addSizeTo(section, databaseName, "app database after the burst");
        if (options.runs(BenchOptions.Scenario.IMPORT)) {
            section.note("The app database also holds what (a) imported before the burst.");
        }
        section.note("Lateness = arrival at the fake Twilio − T, per number (its first text); only texts containing \""
                + HandOff.CONFIRMATION_MARK + "\" count.");

        List<String> reminded = twilio.texts(t -> setUp.numbers().contains(t.to()) && t.body().contains(HandOff.CONFIRMATION_MARK))
                .stream().map(FakeTwilio.Text::to).distinct().toList();
        return new Outcome(handOff, reminded, setUp.created(), section);
    }
}
