package io.confirmloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import io.confirmloop.reporting.Tally.Count;
import org.junit.jupiter.api.Test;

/** The CSV's cells (clients' texts end up in a spreadsheet) and the figures that are not plain sums. */
class ReportCsvTest {

    @Test
    void aTextThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(ReportCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReportCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportCsv.cell("-1+2")).isEqualTo("'-1+2");
        // numbers and E.164 numbers stay as they are
        assertThat(ReportCsv.cell("+13125550101")).isEqualTo("+13125550101");
        assertThat(ReportCsv.cell(-3)).isEqualTo("-3");
        assertThat(ReportCsv.cell(0.25)).isEqualTo("0.25");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndNullIsEmpty() {
        assertThat(ReportCsv.cell("No, I can't make it")).isEqualTo("\"No, I can't make it\"");
        assertThat(ReportCsv.cell("say \"yes\"")).isEqualTo("\"say \"\"yes\"\"\"");
        assertThat(ReportCsv.cell("yes\nsee you")).isEqualTo("\"yes\nsee you\"");
        assertThat(ReportCsv.cell(null)).isEmpty();
        assertThat(ReportCsv.write(List.of("a", "b"), List.of(Arrays.asList(1, null)))).isEqualTo("a,b\r\n1,\r\n");
    }

    @Test
    void theRateAndTheMedianComeFromTheAttendeesAskedAcrossSums() {
        Tally day1 = new Tally().count(Count.ASKED_TO_CONFIRM, 3).count(Count.CONFIRMED_OF_ASKED, 1);
        day1.replyDelay(600);
        day1.replyDelay(60);
        Tally day2 = new Tally().count(Count.ASKED_TO_CONFIRM, 1).count(Count.CONFIRMED_OF_ASKED, 1);
        day2.replyDelay(7200);
        assertThat(day1.confirmationRate()).isEqualTo(0.3333);
        assertThat(day1.medianReplySeconds()).isEqualTo(330);
        Tally both = new Tally().add(day1).add(day2);
        assertThat(both.confirmationRate()).isEqualTo(0.5);
        assertThat(both.medianReplySeconds()).isEqualTo(600);
        assertThat(new Tally().confirmationRate()).isNull();
        assertThat(new Tally().medianReplySeconds()).isNull();
        assertThat(both.figures()).containsEntry("askedToConfirm", 4L).containsEntry("confirmedOfAsked", 2L);
    }
}
