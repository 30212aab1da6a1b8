/// One element with its attributes, direct text and child elements: the small tree an order is collected into
/// before it is mapped. Only one order's subtree is held at a time, so a batch file streams in bounded memory.
struct ElementNode: Sendable {
    var localName: String
    var namespaceURI: String?
    var attributes: [XMLAttribute]
    var children: [ElementNode] = []
    /// The element's own text (text and CDATA children, concatenated), not its descendants'.
    var text: String = ""
    var line: Int
    /// Position in document order within the collected tree (the tree's root is 0).
    var ordinal: Int

    func attribute(_ name: String, namespaceURI: String? = nil) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == namespaceURI }?.value
    }

    /// The text with surrounding whitespace removed; nil when that leaves nothing.
    var trimmedText: String? {
        let trimmed = text.trimmingXMLWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// An element together with its path from the document root, so that every error can say where it is.
struct LocatedElement: Sendable {
    var node: ElementNode
    /// The collected tree this element belongs to, and that tree's own path in the document: an element's path is
    /// worked out from them only when an error asks for it, so looking up a child costs no string building.
    private var root: ElementNode
    private var rootPath: String

    init(node: ElementNode, path: String) {
        self.node = node
        self.root = node
        self.rootPath = path
    }

    /// A child of this element, in the same tree.
    func located(_ child: ElementNode) -> LocatedElement {
        var result = self
        result.node = child
        return result
    }

    /// `/cXML/Request/OrderRequest/ItemOut[2]`: an index appears when the parent has more than one child of
    /// that name. Found by descending from the tree's root to the element's ordinal (document order).
    var path: String {
        var result = rootPath
        var current = root
        while current.ordinal != node.ordinal {
            guard let next = current.children.last(where: { $0.ordinal <= node.ordinal }) else { break }
            let same = current.children.filter { $0.localName == next.localName }
            result += "/" + next.localName
            if same.count > 1, let index = same.firstIndex(where: { $0.ordinal == next.ordinal }) {
                result += "[\(index + 1)]"
            }
            current = next
        }
        return result
    }

    /// Children with `name` (local name, any namespace).
    func children(_ name: String) -> [LocatedElement] {
        let matching = node.children.filter { $0.localName == name }
        return matching.map(located)
    }

    func child(_ name: String) -> LocatedElement? {
        let children = node.children
        guard let position = children.firstIndex(where: { $0.localName == name }) else { return nil }
        return located(children[position])
    }

    /// Follows `names` down the first matching child at each step.
    func descendant(_ names: String...) -> LocatedElement? {
        var current: LocatedElement? = self
        for name in names { current = current?.child(name) }
        return current
    }

    func attribute(_ name: String) -> String? { node.attribute(name) }
    var text: String? { node.trimmedText }
    var line: Int { node.line }
}

extension XMLReader {
    /// Reads the element the reader is on, with all its descendants, into a tree; the reader ends on its end tag.
    /// Comments and processing instructions are dropped.
    func readElementTree() throws(OrderXMLError) -> ElementNode {
        precondition(kind == .element, "readElementTree() needs the reader on a start tag")
        let rootDepth = depth
        var count = 0
        var stack = [try makeNode(ordinal: 0)]
        if isEmptyElement { return stack[0] }
        while try read() {
            switch kind {
            case .element:
                count += 1
                if count + 1 > limits.maxElementsPerOrder {
                    throw OrderXMLError(.limitExceeded(.elementCount), line: line)
                }
                let node = try makeNode(ordinal: count)
                if isEmptyElement {
                    stack[stack.count - 1].children.append(node)
                } else {
                    stack.append(node)
                }
            case .endElement:
                let finished = stack.removeLast()
                if depth == rootDepth { return finished }
                stack[stack.count - 1].children.append(finished)
            case .text:
                let text = try textValue()
                if stack[stack.count - 1].text.isEmpty {
                    stack[stack.count - 1].text = text
                } else {
                    if stack[stack.count - 1].text.utf8.count + text.utf8.count > limits.maxTextBytes {
                        throw OrderXMLError(.limitExceeded(.textLength), line: line)
                    }
                    stack[stack.count - 1].text += text
                }
            case .whitespace, .comment, .processingInstruction, .documentType, .other:
                // Blank text is layout (every value is trimmed anyway); comments and PIs carry no order data.
                continue
            }
        }
        throw OrderXMLError(.truncated, line: line)
    }

    private func makeNode(ordinal: Int) throws(OrderXMLError) -> ElementNode {
        ElementNode(
            localName: localName, namespaceURI: namespaceURI, attributes: try attributes(), line: line, ordinal: ordinal
        )
    }
}

extension StringProtocol {
    /// Trims the four XML whitespace characters (space, tab, CR, LF) from both ends.
    func trimmingXMLWhitespace() -> String {
        let text = String(self)
        let bytes = text.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == bytes.startIndex && bytes.index(after: last) == bytes.endIndex { return text }
        return String(text[first...last])
    }
}
