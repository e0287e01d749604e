package io.confirmloop.onboarding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.confirmloop.calendar.CalendarOnboarding;
import io.confirmloop.calendar.OAuthClient;
import io.confirmloop.calendar.Provider;
import io.confirmloop.system.ApiException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;

/** Connecting a calendar whose provider this installation cannot sign in to is refused on the start form. */
class OnboardingDelegatesTest {

    private final CalendarOnboarding onboarding = mock(CalendarOnboarding.class);
    private final OAuthClient oauth = mock(OAuthClient.class);
    private final JavaDelegate register = new OnboardingDelegates().registerCalendar(onboarding, mock(Owners.class), mock(SignInLinks.class), oauth);

    private DelegateExecution startedWith(String provider) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable(CalendarProcesses.Variables.PROVIDER)).thenReturn(provider);
        when(execution.getVariable(CalendarProcesses.Variables.STARTED_BY)).thenReturn("demo");
        return execution;
    }

    @Test
    void anOAuthProviderWithoutAClientRegistrationIsRefusedAtOnce() {
        when(oauth.configured(Provider.GOOGLE)).thenReturn(false);

        assertThatThrownBy(() -> register.execute(startedWith("google"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("Google Calendar calendars cannot be connected yet")
                .hasMessageContaining("confirmloop.google.client-id");
        verify(onboarding, never()).register(any(), any(), any(), any(), any());
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThatThrownBy(() -> register.execute(startedWith("outlook"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("Unknown provider 'outlook'");
        verify(onboarding, never()).register(any(), any(), any(), any(), any());
    }
}
