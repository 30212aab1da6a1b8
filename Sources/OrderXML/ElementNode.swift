/// One element of a collected tree: its name, attributes and own text, and where its parent and children sit in
/// the tree's `nodes`.
struct ElementNode: Sendable {
    var localName: String
    var namespaceURI: String?
    var attributes: [XMLAttribute]
    /// Positions of the child elements in the tree, in document order.
    var children: [Int] = []
    /// The element's own text (text and CDATA children, concatenated), not its descendants'.
    var text: String = ""
    var line: Int
    /// Position of the parent element in the tree; nil for the tree's root.
    var parent: Int?

    func attribute(_ name: String, namespaceURI: String? = nil) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == namespaceURI }?.value
    }

    /// The text with surrounding whitespace removed; nil when that leaves nothing.
    var trimmedText: String? {
        let trimmed = text.trimmingXMLWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// The element subtree an order is collected into before it is mapped: every element in document order, so a
/// node's position is its ordinal. Only one order's tree is held at a time, so a batch file streams in bounded
/// memory. Immutable once read and shared by every `LocatedElement` into it, so moving about the tree (the mappers
/// do it for every field) costs one reference count, not a copy of names, attributes and text.
final class ElementTree: Sendable {
    let nodes: [ElementNode]
    /// The root's path in the document (`/batch/cXML[3]/Request/OrderRequest`).
    let rootPath: String

    init(nodes: [ElementNode], rootPath: String) {
        self.nodes = nodes
        self.rootPath = rootPath
    }
}

/// An element of a collected tree, which can say where it is in the document whenever an error needs it.
struct LocatedElement: Sendable {
    let tree: ElementTree
    let position: Int

    /// The root of `tree`.
    init(_ tree: ElementTree) {
        self.tree = tree
        self.position = 0
    }

    private init(tree: ElementTree, position: Int) {
        self.tree = tree
        self.position = position
    }

    var localName: String { tree.nodes[position].localName }
    var namespaceURI: String? { tree.nodes[position].namespaceURI }
    var attributes: [XMLAttribute] { tree.nodes[position].attributes }
    var line: Int { tree.nodes[position].line }
    /// The element's own text, trimmed; nil when blank.
    var text: String? { tree.nodes[position].trimmedText }

    func attribute(_ name: String) -> String? { tree.nodes[position].attribute(name) }

    /// `/cXML/Request/OrderRequest/ItemOut[2]`: an index appears when the parent has more than one child of that
    /// name. Worked out from the parent links only when asked for (errors), so lookups build no strings.
    var path: String {
        var steps: [String] = []
        var current = position
        while let parent = tree.nodes[current].parent {
            let name = tree.nodes[current].localName
            let same = tree.nodes[parent].children.filter { tree.nodes[$0].localName == name }
            let index = same.count > 1 ? same.firstIndex(of: current).map { "[\($0 + 1)]" } ?? "" : ""
            steps.append("/" + name + index)
            current = parent
        }
        return tree.rootPath + steps.reversed().joined()
    }

    /// Every child element, in document order.
    var childElements: [LocatedElement] {
        tree.nodes[position].children.map { LocatedElement(tree: tree, position: $0) }
    }

    /// Children with `name` (local name, any namespace).
    func children(_ name: String) -> [LocatedElement] {
        var result: [LocatedElement] = []
        for child in tree.nodes[position].children where tree.nodes[child].localName == name {
            result.append(LocatedElement(tree: tree, position: child))
        }
        return result
    }

    func child(_ name: String) -> LocatedElement? {
        for child in tree.nodes[position].children where tree.nodes[child].localName == name {
            return LocatedElement(tree: tree, position: child)
        }
        return nil
    }

    /// Follows `names` down the first matching child at each step.
    func descendant(_ names: String...) -> LocatedElement? {
        var current: LocatedElement? = self
        for name in names { current = current?.child(name) }
        return current
    }
}

extension XMLReader {
    /// Reads the element the reader is on, with all its descendants, into a tree whose root is at `path`; the
    /// reader ends on its end tag. Comments and processing instructions are dropped.
    func readElementTree(path: String) throws(OrderXMLError) -> ElementTree {
        precondition(kind == .element, "readElementTree() needs the reader on a start tag")
        let rootDepth = depth
        var nodes = [makeNode(parent: nil)]
        if isEmptyElement { return ElementTree(nodes: nodes, rootPath: path) }
        /// Positions of the open elements, innermost last.
        var open = [0]
        while try read() {
            switch kind {
            case .element:
                if nodes.count + 1 > limits.maxElementsPerOrder {
                    throw OrderXMLError(.limitExceeded(.elementCount), line: line)
                }
                let parent = open[open.count - 1]
                nodes[parent].children.append(nodes.count)
                if !isEmptyElement { open.append(nodes.count) }
                nodes.append(makeNode(parent: parent))
            case .endElement:
                open.removeLast()
                if depth == rootDepth { return ElementTree(nodes: nodes, rootPath: path) }
            case .text:
                let text = takeText()
                let current = open[open.count - 1]
                if nodes[current].text.isEmpty {
                    nodes[current].text = text
                } else {
                    if nodes[current].text.utf8.count + text.utf8.count > limits.maxTextBytes {
                        throw OrderXMLError(.limitExceeded(.textLength), line: line)
                    }
                    nodes[current].text += text
                }
            case .comment, .processingInstruction, .documentType, .other:
                // Comments and PIs carry no order data.
                continue
            }
        }
        throw OrderXMLError(.truncated, line: line)
    }

    private func makeNode(parent: Int?) -> ElementNode {
        let element = takeElement()
        return ElementNode(
            localName: element.name, namespaceURI: element.namespaceURI, attributes: element.attributes, line: line,
            parent: parent)
    }
}

extension StringProtocol {
    /// Trims the four XML whitespace characters (space, tab, CR, LF) from both ends.
    func trimmingXMLWhitespace() -> String {
        let text = String(self)
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !$0.isXMLWhitespace }),
            let last = bytes.lastIndex(where: { !$0.isXMLWhitespace })
        else { return "" }
        if first == bytes.startIndex && bytes.index(after: last) == bytes.endIndex { return text }
        return String(text[first...last])
    }
}
