package org.virtxend.core.domain.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which libvirt's formatter writes the children of one element. Children with a
 * name the table does not know keep their place right after the known child that preceded
 * them, so subtrees we do not understand are not shuffled around.
 */
public final class ChildOrder {
    private final Map<String, Integer> rank = new HashMap<>();

    private ChildOrder(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            rank.putIfAbsent(names.get(i), i);
        }
    }

    public static ChildOrder of(String... names) {
        return new ChildOrder(List.of(names));
    }

    public boolean knows(String name) {
        return rank.containsKey(name);
    }

    /** The canonical position of a name; unknown names sort last. */
    public int rankOf(String name) {
        return rank.getOrDefault(name, Integer.MAX_VALUE);
    }

    /** A stable sort of {@code children} into canonical order. */
    public List<XmlElement> sort(List<XmlElement> children) {
        record Keyed(int rank, int index, XmlElement element) {
        }
        List<Keyed> keyed = new ArrayList<>(children.size());
        int previous = -1;
        for (int i = 0; i < children.size(); i++) {
            XmlElement child = children.get(i);
            int r = rank.getOrDefault(child.name(), previous);
            keyed.add(new Keyed(r, i, child));
            previous = r;
        }
        keyed.sort((a, b) -> a.rank != b.rank ? Integer.compare(a.rank, b.rank) : Integer.compare(a.index, b.index));
        return keyed.stream().map(Keyed::element).toList();
    }

    /** Returns {@code parent} with its children sorted (text between them is dropped). */
    public XmlElement sortChildren(XmlElement parent) {
        return parent.withChildren(sort(parent.children()));
    }

    /**
     * Replaces the first child named like {@code child} or, when there is none, inserts it at its
     * canonical position. A null {@code child} with {@code childName} removes that child.
     */
    public XmlElement put(XmlElement parent, String childName, XmlElement child) {
        List<XmlElement> kids = new ArrayList<>(parent.children());
        for (int i = 0; i < kids.size(); i++) {
            if (kids.get(i).name().equals(childName)) {
                if (child == null) {
                    kids.remove(i);
                } else {
                    kids.set(i, child);
                }
                return parent.withChildren(kids);
            }
        }
        if (child == null) {
            return parent;
        }
        int myRank = rank.getOrDefault(childName, Integer.MAX_VALUE);
        int at = kids.size();
        for (int i = 0; i < kids.size(); i++) {
            Integer r = rank.get(kids.get(i).name());
            if (r != null && r > myRank) {
                at = i;
                break;
            }
        }
        kids.add(at, child);
        return parent.withChildren(kids);
    }
}
