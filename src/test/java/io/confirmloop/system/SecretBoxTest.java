package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Credentials encrypted at rest (DESIGN.md §2), and the start-up guard against the dev key. */
class SecretBoxTest {

    private static final String H2 = "jdbc:h2:file:./data/x";
    private static final String POSTGRES = "jdbc:postgresql://db.example.com:5432/confirmloop";
    private static final String KEY = "k3y-for-tests-9f8e7d6c5b4a39281706";
    private static final String PLAIN = "Sup3r-Secret-Password!";
    private static final String CALENDAR = "cal-1";

    private static final SecretBox box = new SecretBox(KEY, POSTGRES);

    @Nested
    class SealAndOpen {

        @Test
        void roundTrip() {
            assertThat(box.open(box.seal(PLAIN, CALENDAR), CALENDAR)).isEqualTo(PLAIN);
        }

        @Test
        void roundTripOfEmptyAndNonAsciiText() {
            assertThat(box.open(box.seal("", CALENDAR), CALENDAR)).isEmpty();
            assertThat(box.open(box.seal("pässwörd ✓ 密码", CALENDAR), CALENDAR)).isEqualTo("pässwörd ✓ 密码");
        }

        @Test
        void anotherBoxWithTheSameKeyOpensIt() {
            assertThat(new SecretBox(KEY, POSTGRES).open(box.seal(PLAIN, CALENDAR), CALENDAR)).isEqualTo(PLAIN);
        }

        @Test
        void isVersionedBase64OfNonceCiphertextAndTag() {
            String sealed = box.seal(PLAIN, CALENDAR);

            assertThat(sealed).startsWith("v1:");
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
            assertThat(bytes).hasSize(12 + PLAIN.length() + 16);
        }

        @Test
        void twoSealsOfTheSameTextDiffer() {
            assertThat(box.seal(PLAIN, CALENDAR)).isNotEqualTo(box.seal(PLAIN, CALENDAR));
        }

        @Test
        void sealedTextDoesNotContainThePlaintext() {
            String sealed = box.seal(PLAIN, CALENDAR);

            assertThat(sealed).doesNotContain(PLAIN)
                    .doesNotContain(Base64.getEncoder().encodeToString(PLAIN.getBytes()));
        }
    }

    @Nested
    class Refuses {

        private final String sealed = box.seal(PLAIN, CALENDAR);

        @Test
        void aTamperedByte() {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
            bytes[20] ^= 0x01;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

            assertCannotDecrypt(() -> box.open(tampered, CALENDAR), tampered);
        }

        @Test
        void aTamperedNonce() {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
            bytes[0] ^= 0x01;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

            assertCannotDecrypt(() -> box.open(tampered, CALENDAR), tampered);
        }

        @Test
        void aWrongKey() {
            SecretBox other = new SecretBox("another-key-for-tests-0123456789", POSTGRES);

            assertCannotDecrypt(() -> other.open(sealed, CALENDAR), sealed);
        }

        @Test
        void aWrongContext() {
            assertCannotDecrypt(() -> box.open(sealed, "cal-2"), sealed);
        }

        @Test
        void malformedValues() {
            for (String value : new String[] {null, "", PLAIN, "v2:" + sealed.substring(3), "v1:not base64!", "v1:AAAA"}) {
                assertThatThrownBy(() -> box.open(value, CALENDAR))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("cannot decrypt: ")
                        .hasMessageContaining("not a sealed secret")
                        .hasNoCause()
                        .message().doesNotContain(PLAIN);
            }
        }

        private void assertCannotDecrypt(org.assertj.core.api.ThrowableAssert.ThrowingCallable open, String value) {
            assertThatThrownBy(open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot decrypt: wrong confirmloop.secret-key or the stored value was changed")
                    .hasNoCause()
                    .message().doesNotContain(PLAIN).doesNotContain(value).doesNotContain(value.substring(3, 20));
        }
    }

    @Nested
    class StartUpGuard {

        @Test
        void acceptsTheDevKeyOnTheEmbeddedH2Database() {
            assertThatCode(() -> SecretBox.checkKey(SecretBox.DEV_KEY, H2)).doesNotThrowAnyException();
            assertThatCode(() -> SecretBox.checkKey("short", "jdbc:h2:mem:test")).doesNotThrowAnyException();
        }

        @Test
        void refusesTheDevKeyOnPostgres() {
            assertThatThrownBy(() -> SecretBox.checkKey(SecretBox.DEV_KEY, POSTGRES))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dev default")
                    .hasMessageContaining("CONFIRMLOOP_SECRET_KEY")
                    .hasMessageContaining("long random value");
        }

        @Test
        void refusesAShortKeyOnPostgresWithoutEchoingIt() {
            assertThatThrownBy(() -> SecretBox.checkKey("0123456789", POSTGRES))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shorter than 16 characters")
                    .hasMessageContaining("CONFIRMLOOP_SECRET_KEY")
                    .message().doesNotContain("0123456789");
        }

        @Test
        void refusesABlankKeyEverywhere() {
            assertThatThrownBy(() -> SecretBox.checkKey(" ", H2)).hasMessageContaining("CONFIRMLOOP_SECRET_KEY");
            assertThatThrownBy(() -> SecretBox.checkKey(null, POSTGRES)).hasMessageContaining("CONFIRMLOOP_SECRET_KEY");
        }

        @Test
        void acceptsALongKeyOnPostgres() {
            assertThatCode(() -> SecretBox.checkKey(KEY, POSTGRES)).doesNotThrowAnyException();
            assertThatCode(() -> SecretBox.checkKey("0123456789abcdef", POSTGRES)).doesNotThrowAnyException();
        }

        @Test
        void isAppliedWhenTheBoxIsCreated() {
            assertThatThrownBy(() -> new SecretBox(SecretBox.DEV_KEY, POSTGRES)).hasMessageContaining("CONFIRMLOOP_SECRET_KEY");
            assertThatCode(() -> new SecretBox(SecretBox.DEV_KEY, H2)).doesNotThrowAnyException();
        }
    }
}
