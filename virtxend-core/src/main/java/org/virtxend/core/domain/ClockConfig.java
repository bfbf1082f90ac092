package org.virtxend.core.domain;

import java.util.List;
import java.util.Set;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * The {@code <clock>} element. Parsing applies libvirt's normalisation: a numeric adjustment
 * on a utc/localtime clock becomes a variable clock with that basis, and a variable clock always
 * states its adjustment and basis. Timers are kept as given.
 */
public record ClockConfig(String offset, String adjustment, String basis, String timezone, String start,
                          List<XmlElement> timers) {
    private static final Set<String> OFFSETS = Set.of("utc", "localtime", "timezone", "variable", "absolute");

    public ClockConfig {
        if (offset == null || !OFFSETS.contains(offset)) {
            throw DomainErrors.invalidAttribute(offset, "offset", "clock");
        }
        timers = List.copyOf(timers);
    }

    public static ClockConfig utc() {
        return new ClockConfig("utc", null, null, null, null, List.of());
    }

    static ClockConfig parse(XmlElement clock) {
        if (clock == null) {
            return utc();
        }
        String offset = clock.attribute("offset");
        offset = offset == null ? "utc" : offset;
        if (!OFFSETS.contains(offset)) {
            throw DomainErrors.invalidAttribute(offset, "offset", "clock");
        }
        String adjustment = clock.attribute("adjustment");
        String basis = clock.attribute("basis");
        List<XmlElement> timers = clock.children("timer");
        return switch (offset) {
            case "utc", "localtime" -> {
                if (adjustment == null || adjustment.equals("reset")) {
                    yield new ClockConfig(offset, adjustment, null, null, null, timers);
                }
                yield new ClockConfig("variable", seconds(adjustment), offset, null, null, timers);
            }
            case "variable" -> {
                if (basis != null && !basis.equals("utc") && !basis.equals("localtime")) {
                    throw DomainErrors.invalidAttribute(basis, "basis", "clock");
                }
                yield new ClockConfig(offset, adjustment == null ? "0" : seconds(adjustment),
                        basis == null ? "utc" : basis, null, null, timers);
            }
            case "timezone" -> new ClockConfig(offset, null, null, clock.attribute("timezone"), null, timers);
            default -> new ClockConfig(offset, null, null, null, clock.attribute("start"), timers);
        };
    }

    private static String seconds(String adjustment) {
        try {
            return Long.toString(Long.parseLong(adjustment.trim()));
        } catch (NumberFormatException e) {
            throw DomainErrors.invalidAttribute(adjustment, "adjustment", "clock");
        }
    }

    XmlElement toXml() {
        return XmlElement.of("clock", "offset", offset, "adjustment", adjustment, "basis", basis,
                "timezone", timezone, "start", start).withChildren(timers);
    }
}
