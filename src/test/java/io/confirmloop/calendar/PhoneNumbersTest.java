package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.confirmloop.calendar.PhoneNumbers.Found;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Phone numbers and email addresses found in event text (DESIGN.md §1.1), and the status lines kept out of it. */
class PhoneNumbersTest {

    private final PhoneNumbers phoneNumbers = new PhoneNumbers();

    @Nested
    class Find {

        @Test
        void findsInternationalAndNationalUsNumbersInEventText() {
            String text = String.join("\n",
                    "Check-up with Ann (+1 201-555-0123)",
                    "Main office, 12 Elm Street",
                    "Her husband: (201) 555-0199, call if late.");

            assertThat(phoneNumbers.find(text, "US")).containsExactly(
                    new Found("+12015550123", true),
                    new Found("+12015550199", true));
        }

        @Test
        void severalNumbersComeInOrderOfAppearanceAndDuplicatesOnce() {
            String text = "Call (201) 555-0199 or +1 201-555-0123; again: 201.555.0199 / +12015550123";

            assertThat(phoneNumbers.find(text, "US")).extracting(Found::e164).containsExactly("+12015550199", "+12015550123");
        }

        @Test
        void ukNationalFixedLineIsNotTextable() {
            assertThat(phoneNumbers.find("Client landline 020 7946 0018", "GB")).containsExactly(new Found("+442079460018", false));
        }

        @Test
        void ukNationalMobileIsTextable() {
            assertThat(phoneNumbers.find("Client mobile 07400 123456", "GB")).containsExactly(new Found("+447400123456", true));
        }

        @Test
        void nationalFormatIsReadInTheGivenRegion() {
            // Without a leading + the region decides: the same digits are not a valid number in the UK.
            assertThat(phoneNumbers.find("Call (201) 555-0199", "US")).extracting(Found::e164).containsExactly("+12015550199");
            assertThat(phoneNumbers.find("Call (201) 555-0199", "GB")).isEmpty();
            // A number in international format is found whatever the region.
            assertThat(phoneNumbers.find("Call +1 201-555-0123", "GB")).extracting(Found::e164).containsExactly("+12015550123");
        }

        @Test
        void noNumberGivesEmpty() {
            assertThat(phoneNumbers.find("Team meeting in room 4", "US")).isEmpty();
            assertThat(phoneNumbers.find("", "US")).isEmpty();
            assertThat(phoneNumbers.find("   ", "US")).isEmpty();
            assertThat(phoneNumbers.find(null, "US")).isEmpty();
        }

        @Test
        void datesAndTimesAreNotNumbers() {
            assertThat(phoneNumbers.find("Moved to 10:30 2026-11-23", "US")).isEmpty();
            assertThat(phoneNumbers.find("Moved to 10:30 2026-11-23", "GB")).isEmpty();
            assertThat(phoneNumbers.find("Follow-up 2026-11-23 10:30-11:15, ref 12/11/2026", "US")).isEmpty();
        }

        @Test
        void numbersInsideStatusLinesAreNotFoundAgain() {
            String description = String.join("\n",
                    StatusLines.PREFIX + "+1 201-555-0123: confirmed",
                    StatusLines.PREFIX + "+1 201-555-0177: reminded",
                    "Client: (201) 555-0199");

            assertThat(phoneNumbers.find(description, "US")).extracting(Found::e164).containsExactly("+12015550199");
        }
    }

    @Nested
    class Emails {

        @Test
        void foundLowerCasedInOrderAndOnce() {
            String text = "Ann <Ann.Smith@Example.COM>, cc bob+clinic@mail.example.org; again ann.smith@example.com";

            assertThat(phoneNumbers.emails(text)).containsExactly("ann.smith@example.com", "bob+clinic@mail.example.org");
        }

        @Test
        void noneOrNull() {
            assertThat(phoneNumbers.emails("No address here, just @ and example.com")).isEmpty();
            assertThat(phoneNumbers.emails(null)).isEmpty();
        }

        @Test
        void emailsInsideStatusLinesAreNotFoundAgain() {
            String description = StatusLines.PREFIX + "old@example.com: reminded\nnew@example.com";

            assertThat(phoneNumbers.emails(description)).containsExactly("new@example.com");
        }
    }

    @Nested
    class Normalise {

        @Test
        void validInputToE164() {
            assertThat(phoneNumbers.normalise(" (201) 555-0123 ", "US")).contains("+12015550123");
            assertThat(phoneNumbers.normalise("+1 201 555 0123", "GB")).contains("+12015550123");
            assertThat(phoneNumbers.normalise("020 7946 0018", "GB")).contains("+442079460018");
            assertThat(phoneNumbers.normalise("+442079460018", null)).contains("+442079460018");
        }

        @Test
        void badInputGivesEmpty() {
            assertThat(phoneNumbers.normalise(null, "US")).isEmpty();
            assertThat(phoneNumbers.normalise("", "US")).isEmpty();
            assertThat(phoneNumbers.normalise("   ", "US")).isEmpty();
            assertThat(phoneNumbers.normalise("not a number", "US")).isEmpty();
            assertThat(phoneNumbers.normalise("12345", "US")).isEmpty();
            assertThat(phoneNumbers.normalise("+1 555 555", "US")).isEmpty();
            // National format without a region cannot be read.
            assertThat(phoneNumbers.normalise("(201) 555-0123", null)).isEmpty();
        }

        @Test
        void displayIsInternationalFormat() {
            assertThat(phoneNumbers.display("+12015550123")).isEqualTo("+1 201-555-0123");
            assertThat(phoneNumbers.display("+442079460018")).isEqualTo("+44 20 7946 0018");
            assertThat(phoneNumbers.display("garbage")).isEqualTo("garbage");
        }

        @Test
        void supportedRegions() {
            assertThat(phoneNumbers.isSupportedRegion("US")).isTrue();
            assertThat(phoneNumbers.isSupportedRegion("GB")).isTrue();
            assertThat(phoneNumbers.isSupportedRegion("XX")).isFalse();
            assertThat(phoneNumbers.isSupportedRegion(null)).isFalse();
        }
    }

    @Nested
    class StatusLinesBlock {

        private static final String OWNER_TEXT = "Bring X-ray images.\n\n  Parking at the back.\nCall (201) 555-0199";

        @Test
        void prependPutsTheBlockOnTopAndKeepsTheRestUntouched() {
            String updated = StatusLines.prepend(List.of("+1 201-555-0199: reminded"), OWNER_TEXT);

            assertThat(updated).isEqualTo("[ConfirmLoop] +1 201-555-0199: reminded\n" + OWNER_TEXT);
        }

        @Test
        void prependReplacesAnOldBlock() {
            String once = StatusLines.prepend(List.of("+1 201-555-0199: reminded", "+1 201-555-0123: reminded"), OWNER_TEXT);
            String twice = StatusLines.prepend(List.of("+1 201-555-0199: confirmed", "+1 201-555-0123: declined"), once);

            assertThat(twice).isEqualTo("[ConfirmLoop] +1 201-555-0199: confirmed\n[ConfirmLoop] +1 201-555-0123: declined\n" + OWNER_TEXT);
        }

        @Test
        void stripRemovesOnlyOurLines() {
            String withBlock = StatusLines.prepend(List.of("+1 201-555-0199: confirmed"), OWNER_TEXT);

            assertThat(StatusLines.strip(withBlock)).isEqualTo(OWNER_TEXT);
            assertThat(StatusLines.strip(OWNER_TEXT)).isEqualTo(OWNER_TEXT);
            assertThat(StatusLines.strip(null)).isEmpty();
        }

        @Test
        void prependKeepsWindowsLineBreaksAndTheTrailingNewlineOfTheRest() {
            // Descriptions from Exchange/Graph often use CRLF and end with a line break; "never touching the rest"
            // (DESIGN.md §1.1) means they come back byte for byte below the block.
            String ownerText = "Bring X-ray images.\r\nParking at the back.\r\n";

            assertThat(StatusLines.strip(ownerText)).isEqualTo(ownerText);
            assertThat(StatusLines.prepend(List.of("+1 201-555-0199: reminded"), ownerText))
                    .isEqualTo("[ConfirmLoop] +1 201-555-0199: reminded\n" + ownerText);
        }

        @Test
        void linesMentioningConfirmLoopElsewhereAreKept() {
            String text = "Note: [ConfirmLoop] lines are added on top\n ConfirmLoop said hello";

            assertThat(StatusLines.strip(text)).isEqualTo(text);
        }

        @Test
        void emptyDescriptionGetsJustTheBlock() {
            assertThat(StatusLines.prepend(List.of("a: reminded"), null)).isEqualTo("[ConfirmLoop] a: reminded");
            assertThat(StatusLines.prepend(List.of("a: reminded"), "")).isEqualTo("[ConfirmLoop] a: reminded");
        }

        @Test
        void noLinesRemovesTheBlock() {
            String withBlock = StatusLines.prepend(List.of("a: reminded"), OWNER_TEXT);

            assertThat(StatusLines.prepend(List.of(), withBlock)).isEqualTo(OWNER_TEXT);
        }

        @Test
        void numbersInTheOwnerTextStillFoundAfterPrepend() {
            String withBlock = StatusLines.prepend(List.of("+1 201-555-0123: confirmed"), OWNER_TEXT);

            assertThat(phoneNumbers.find(withBlock, "US")).extracting(Found::e164).containsExactly("+12015550199");
        }
    }
}
