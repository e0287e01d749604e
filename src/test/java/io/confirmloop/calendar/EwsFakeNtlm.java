package io.confirmloop.calendar;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The server side of an NTLM handshake as [MS-NLMP] lays out the messages: a NEGOTIATE (type 1)
 * message is answered with a CHALLENGE (type 2) carrying a server challenge and target info, and
 * the user of an AUTHENTICATE (type 3) message is read back (domain and user name fields).
 */
final class EwsFakeNtlm {

    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int UNICODE = 0x1;
    private static final int FLAGS = UNICODE | 0x4 | 0x200 | 0x8000 | 0x10000 | 0x80000 | 0x800000 | 0x20000000 | 0x80000000;

    private EwsFakeNtlm() {
    }

    /** The NTLM message type (1, 2 or 3) of an {@code Authorization: NTLM …} value, or 0. */
    static int type(String authorization) {
        byte[] m = decode(authorization);
        if (m == null || m.length < 12) {
            return 0;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (m[i] != SIGNATURE[i]) {
                return 0;
            }
        }
        return le(m).getInt(8);
    }

    /** {@code DOMAIN\\user}, or just the user when no domain was sent, of a type 3 message. */
    static String user(String authorization) {
        byte[] m = decode(authorization);
        ByteBuffer b = le(m);
        boolean unicode = m.length >= 64 && (b.getInt(60) & UNICODE) != 0;
        String domain = field(m, b, 28, unicode);
        String user = field(m, b, 36, unicode);
        return domain.isEmpty() ? user : domain + "\\" + user;
    }

    /** The CHALLENGE message, base64 for {@code WWW-Authenticate: NTLM …}. */
    static String challenge() {
        byte[] target = "PARKSIDE".getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        avPair(info, 2, target);
        avPair(info, 1, "EXCH01".getBytes(StandardCharsets.UTF_16LE));
        avPair(info, 0, new byte[0]);
        byte[] targetInfo = info.toByteArray();
        int headerLength = 48;
        ByteBuffer b = ByteBuffer.allocate(headerLength + target.length + targetInfo.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE).putInt(2);
        b.putShort((short) target.length).putShort((short) target.length).putInt(headerLength);
        b.putInt(FLAGS);
        b.put(new byte[] {1, 35, 69, 103, (byte) 137, (byte) 171, (byte) 205, (byte) 239});
        b.put(new byte[8]);
        b.putShort((short) targetInfo.length).putShort((short) targetInfo.length).putInt(headerLength + target.length);
        b.put(target).put(targetInfo);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static void avPair(ByteArrayOutputStream out, int id, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(4 + value.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) id).putShort((short) value.length).put(value);
        out.writeBytes(b.array());
    }

    private static String field(byte[] m, ByteBuffer b, int at, boolean unicode) {
        int length = Short.toUnsignedInt(b.getShort(at));
        int offset = b.getInt(at + 4);
        if (length == 0 || offset + length > m.length) {
            return "";
        }
        return new String(m, offset, length, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII);
    }

    private static byte[] decode(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "NTLM ", 0, 5)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(authorization.substring(5).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ByteBuffer le(byte[] m) {
        return ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
    }
}
