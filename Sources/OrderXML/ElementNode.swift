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
    /// `/cXML/Request/OrderRequest/ItemOut[2]`: an index appears when the parent has more than one child of
    /// that name.
    var path: String

    /// Children with `name` (local name, any namespace unless one is given).
    func children(_ name: String, namespaceURI: String?? = .none) -> [LocatedElement] {
        let matching = node.children.filter {
            $0.localName == name && (namespaceURI == .none || $0.namespaceURI == namespaceURI!)
        }
        if matching.count == 1 { return [LocatedElement(node: matching[0], path: path + "/" + name)] }
        return matching.enumerated().map { LocatedElement(node: $1, path: "\(path)/\(name)[\($0 + 1)]") }
    }

    func child(_ name: String) -> LocatedElement? {
        guard let index = node.children.firstIndex(where: { $0.localName == name }) else { return nil }
        let many = node.children.lazy.filter { $0.localName == name }.count > 1
        return LocatedElement(node: node.children[index], path: path + "/" + name + (many ? "[1]" : ""))
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
        var stack = [try makeNode()]
        var count = 1
        if isEmptyElement { return stack[0] }
        while try read() {
            switch kind {
            case .element:
                count += 1
                if count > limits.maxElementsPerOrder {
                    throw OrderXMLError(.limitExceeded(.elementCount), line: line)
                }
                let node = try makeNode()
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
                if stack[stack.count - 1].text.utf8.count + text.utf8.count > limits.maxTextBytes {
                    throw OrderXMLError(.limitExceeded(.textLength), line: line)
                }
                stack[stack.count - 1].text += text
            case .whitespace:
                // Whitespace between child elements is layout; inside a text-only element it is kept with the text.
                if stack[stack.count - 1].children.isEmpty { stack[stack.count - 1].text += try textValue() }
            case .comment, .processingInstruction, .documentType, .other:
                continue
            }
        }
        throw OrderXMLError(.truncated, line: line)
    }

    private func makeNode() throws(OrderXMLError) -> ElementNode {
        ElementNode(localName: localName, namespaceURI: namespaceURI, attributes: try attributes(), line: line)
    }
}

extension StringProtocol {
    /// Trims the four XML whitespace characters (space, tab, CR, LF) from both ends.
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
