package io.confirmloop.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for {@code /api} against Camunda's identity service: the same users and groups
 * as Tasklist and Cockpit. Each group the user is in becomes an authority {@code GROUP_<id>}.
 *
 * <p>A stateless API client sends its password with every call, and checking it (the user and
 * their groups from the database) was a sixth of an API call's work. So a user's accepted
 * password is remembered for {@link #REMEMBERED}, as an HMAC under a key that exists only in this
 * process's memory (never the password), together with their groups: a changed password or group
 * membership reaches the API within that time, as with Spring Security's user cache. A password
 * that does not match what is remembered is always checked against the identity service, so its
 * failed-attempt lockout still counts.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    static final Duration REMEMBERED = Duration.ofSeconds(30);

    private record Accepted(byte[] fingerprint, List<SimpleGrantedAuthority> authorities) {
    }

    private final IdentityService identityService;
    private final Cache<String, Accepted> accepted;
    private final SecretKeySpec fingerprintKey;

    @Autowired
    CamundaIdentityAuthenticationProvider(IdentityService identityService) {
        this(identityService, Ticker.systemTicker());
    }

    CamundaIdentityAuthenticationProvider(IdentityService identityService, Ticker ticker) {
        this.identityService = identityService;
        this.accepted = Caffeine.newBuilder().expireAfterWrite(REMEMBERED).maximumSize(10_000).ticker(ticker).build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.fingerprintKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        byte[] fingerprint = fingerprint(user, credentials.toString());
        Accepted remembered = accepted.getIfPresent(user);
        if (remembered != null && MessageDigest.isEqual(remembered.fingerprint(), fingerprint)) {
            return UsernamePasswordAuthenticationToken.authenticated(user, null, remembered.authorities());
        }
        if (!identityService.checkPassword(user, credentials.toString())) {
            accepted.invalidate(user);
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .map(id -> new SimpleGrantedAuthority(CurrentAccount.GROUP_PREFIX + id))
                .toList();
        accepted.put(user, new Accepted(fingerprint, authorities));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    private byte[] fingerprint(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
