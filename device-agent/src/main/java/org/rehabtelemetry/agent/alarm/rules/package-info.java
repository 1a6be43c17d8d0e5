/**
 * The alarm rules of a device profile as behaviour: one class per rule type (threshold, rate, rise
 * over baseline, vasovagal, increase, count in a window, above a setting, lost after seen, switch),
 * built from the profile's data by {@link org.rehabtelemetry.agent.alarm.rules.AlarmRules}. A new
 * device kind combines these in YAML; only a new type adds a class here (docs/alarms.md).
 */
package org.rehabtelemetry.agent.alarm.rules;
