package dev.saaskit.shared.catalog;

/** A function bean as a module registers it: its name, the trigger kind it serves, its handler class. */
public record BeanDescriptor(String bean, Class<? extends Trigger> trigger, String handler) {}
