package io.confirmloop.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets for storage (AES-256-GCM, key derived from {@code confirmloop.secret-key}), bound
 * to a context such as the calendar id so that a stored value cannot be moved to another row.
 */
@Component
public class SecretBox {

    /** The key of the embedded default (application.yaml); only good enough for the H2 dev database. */
    public static final String DEV_KEY = "dev-only-secret-key-change-me";
    static final int MIN_KEY_LENGTH = 16;

    private static final String VERSION = "v1:";
    private static final byte[] SALT = "confirmloop/secret-box/v1".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 600_000;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CANNOT_DECRYPT =
            "cannot decrypt: wrong confirmloop.secret-key or the stored value was changed (or it belongs to another record)";
    private static final String MALFORMED = "cannot decrypt: the stored value is not a sealed secret (expected v1: and Base64)";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(@Value("${confirmloop.secret-key}") String secretKey,
            @Value("${spring.datasource.url}") String datasourceUrl) {
        checkKey(secretKey, datasourceUrl);
        this.key = derive(secretKey);
    }

    /**
     * Refuses a key that does not protect anything: a blank one anywhere, and outside the embedded H2
     * database the dev default or one shorter than {@value #MIN_KEY_LENGTH} characters.
     */
    public static void checkKey(String secretKey, String datasourceUrl) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalStateException("confirmloop.secret-key is empty: set CONFIRMLOOP_SECRET_KEY to a long random value");
        }
        boolean embedded = datasourceUrl != null && datasourceUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8);
        if (embedded) {
            return;
        }
        String problem = secretKey.equals(DEV_KEY) ? "is the dev default"
                : secretKey.length() < MIN_KEY_LENGTH ? "is shorter than " + MIN_KEY_LENGTH + " characters" : null;
        if (problem != null) {
            throw new IllegalStateException("confirmloop.secret-key " + problem + ", which only the embedded H2 database accepts:"
                    + " set CONFIRMLOOP_SECRET_KEY to a long random value (e.g. the output of 'openssl rand -base64 32')"
                    + " and keep it, it decrypts the stored credentials");
        }
    }

    /** {@code "v1:" + Base64(nonce || ciphertext+tag)}, with {@code context} authenticated but not stored. */
    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The plaintext of a value {@link #seal sealed} with the same key and context; never echoes the value when it fails. */
    public String open(String sealed, String context) {
        Objects.requireNonNull(context, "context");
        byte[] bytes = decode(sealed);
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), context)
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // no cause: nothing about the value may reach a log
            throw new IllegalStateException(CANNOT_DECRYPT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] decode(String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException(MALFORMED);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(MALFORMED);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException(MALFORMED);
        }
        return bytes;
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec derive(String secretKey) {
        PBEKeySpec spec = new PBEKeySpec(secretKey.toCharArray(), SALT, ITERATIONS, 256);
        try {
            return new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the key from confirmloop.secret-key: " + e.getClass().getSimpleName(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
