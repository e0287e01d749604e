package io.confirmloop.messaging;

/** Told in the same transaction when a number opts out of texts or back in (implemented by the appointment side). */
public interface OptOutListener {

    void optedOut(String phone);

    void optedIn(String phone);
}
