package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Basic sign-in against a real (in-memory) Camunda identity service, with the accepted password remembered for a while. */
class CamundaIdentityAuthenticationProviderTest {

    private static ProcessEngine engine;
    private static IdentityService identity;

    private final AtomicLong nanos = new AtomicLong();
    private CamundaIdentityAuthenticationProvider provider;

    @BeforeAll
    static void engine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:identity-provider-test;DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
        identity = engine.getIdentityService();
        identity.saveGroup(identity.newGroup("clinic"));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void user() {
        identity.createUserQuery().list().forEach(u -> identity.deleteUser(u.getId()));
        User ana = identity.newUser("ana");
        ana.setPassword("first-password");
        identity.saveUser(ana);
        identity.createMembership("ana", "clinic");
        provider = new CamundaIdentityAuthenticationProvider(identity, nanos::get);
    }

    @Test
    void theRightPasswordGivesTheUsersGroupsAsAuthorities() {
        assertThat(signIn("ana", "first-password").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("GROUP_clinic");
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefusedEvenWhileTheRightOneIsRemembered() {
        signIn("ana", "first-password");

        assertThatThrownBy(() -> signIn("ana", "first-passwore")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn("bob", "first-password")).isInstanceOf(BadCredentialsException.class);
        // the failed attempt counted with the identity service: its login delay now holds the right password back too
        assertThatThrownBy(() -> signIn("ana", "first-password")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aChangedPasswordTakesEffectOnceTheRememberedOneExpires() {
        signIn("ana", "first-password");
        User ana = identity.createUserQuery().userId("ana").singleResult();
        ana.setPassword("second-password");
        identity.saveUser(ana);

        // remembered: the old password still works for a while
        assertThat(signIn("ana", "first-password").isAuthenticated()).isTrue();

        nanos.addAndGet(CamundaIdentityAuthenticationProvider.REMEMBERED.plusSeconds(1).toNanos());
        assertThatThrownBy(() -> signIn("ana", "first-password")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aChangedPasswordWorksAtOnceAndThenTheOldOneNoLonger() {
        signIn("ana", "first-password");
        User ana = identity.createUserQuery().userId("ana").singleResult();
        ana.setPassword("second-password");
        identity.saveUser(ana);

        assertThat(signIn("ana", "second-password").isAuthenticated()).isTrue();
        assertThatThrownBy(() -> signIn("ana", "first-password")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aDeletedUserIsRefusedOnceTheRememberedPasswordExpires() {
        signIn("ana", "first-password");
        identity.deleteUser("ana");

        nanos.addAndGet(CamundaIdentityAuthenticationProvider.REMEMBERED.plusSeconds(1).toNanos());
        assertThatThrownBy(() -> signIn("ana", "first-password")).isInstanceOf(BadCredentialsException.class);
    }

    private Authentication signIn(String user, String password) {
        return provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password));
    }
}
