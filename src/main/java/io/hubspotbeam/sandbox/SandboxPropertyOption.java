package io.hubspotbeam.sandbox;

/** One allowed value of an enumeration or bool property, as the properties API lists it. */
public record SandboxPropertyOption(String label, String value, int displayOrder, boolean hidden) {}
