package io.confirmloop.booking;

/**
 * Body of {@code POST /api/availability-types} and {@code PATCH …/{id}}: on PATCH a null field is
 * left as it is. {@code ownerGroup} (POST only) defaults to the caller's account.
 */
record AvailabilityTypeInput(String name, String color, Boolean clientFacing, String ownerGroup) {
}
