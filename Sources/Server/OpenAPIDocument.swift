// swift-format-ignore-file
/// The API as `api/openapi.yaml` describes it, served at `/openapi.yaml`. Written by `make openapi`; edit the YAML.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: dropgate
  version: 0.1.0
  summary: Dropship compliance gateway — partner API, orders and operations.
  description: |
    Retailers post purchase orders (X12 850 interchanges or XML orders); each is kept before it is answered,
    checked against the retailer's rule profile and the supplier's DC network, decided, and answered with
    997/999/TA1 and 855 documents that wait in the outbox. Every request but the health, metrics and this
    document needs a key: `Authorization: Bearer KEY` (or `X-API-Key: KEY`). A partner's key
    (`dropgate partners add ID`) posts only as that partner and reads only its own documents and orders; staff
    tokens (`dropgate tokens add warehouse|admin --name NAME`) read everything, and only an admin changes
    nodes and stock or reads the outbox, feeds and status. The warehouse pages (`/warehouse/…`) take a
    warehouse or admin key the same way, or from the cookie `POST /warehouse/login` sets for a browser.
servers:
  - url: http://127.0.0.1:8080
security:
  - bearer: []
  - apiKey: []
  - warehouseCookie: []
paths:
  /v1/partners/{partner}/documents:
    post:
      operationId: postDocument
      summary: Post one document (an X12 interchange or an XML order) as a partner.
      description: |
        The body is kept in the store before the answer; the pipeline reads, acknowledges and decides it after.
        The same bytes posted again answer with the first document's id (`redelivery: true`).
      parameters:
        - $ref: '#/components/parameters/Partner'
      requestBody:
        required: true
        content:
          application/edi-x12:
            schema: { type: string }
          application/xml:
            schema: { type: string }
          text/plain:
            schema: { type: string }
          application/octet-stream:
            schema: { type: string, format: binary }
      responses:
        '202':
          description: Kept; `Location` says where to read what became of it.
          headers:
            Location:
              schema: { type: string }
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Accepted' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '413': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/documents/{id}:
    get:
      operationId: getDocument
      summary: A kept document's status, problems and answers.
      parameters:
        - $ref: '#/components/parameters/ID'
      responses:
        '200':
          description: The document.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Document' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/documents/{id}/ack:
    get:
      operationId: getAcknowledgement
      summary: The 997, 999 or TA1 an X12 document was answered with, or the cXML Response to a cXML order request.
      parameters:
        - $ref: '#/components/parameters/ID'
      responses:
        '200':
          description: |
            The acknowledgement, as sent (several interchanges, several in order); for cXML, a `Response` whose
            `Status` is 200 when the document was taken and 400, with the problems, when it was not.
          content:
            application/edi-x12:
              schema: { type: string }
            text/xml:
              schema: { type: string }
        '202':
          description: Still being read; ask again after `Retry-After` seconds.
          headers:
            Retry-After:
              schema: { type: integer }
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Document' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/orders:
    get:
      operationId: listOrders
      summary: Orders, oldest first; a partner sees its own only.
      parameters:
        - { name: retailer, in: query, schema: { type: string } }
        - name: status
          in: query
          schema: { $ref: '#/components/schemas/Outcome' }
        - { name: dc, in: query, schema: { type: string } }
        - { name: since, in: query, schema: { type: string, format: date-time } }
      responses:
        '200':
          description: The orders.
          content:
            application/json:
              schema:
                type: object
                required: [orders]
                properties:
                  orders:
                    type: array
                    items: { $ref: '#/components/schemas/OrderRow' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/orders/{id}:
    get:
      operationId: getOrder
      summary: One order with its decision, explanation and documents.
      parameters:
        - $ref: '#/components/parameters/ID'
      responses:
        '200':
          description: The order.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/OrderDetail' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/dcs/{dc}:
    put:
      operationId: switchNode
      summary: Switch a node on or off, or close it for a window (admin).
      parameters:
        - { name: dc, in: path, required: true, schema: { type: string } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NodeSwitchChange' }
      responses:
        '200':
          description: The node's switch now.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/NodeSwitch' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/inventory:
    post:
      operationId: importInventory
      summary: Set on-hand and safety stock (admin); each node named is replaced whole.
      requestBody:
        required: true
        content:
          text/csv:
            schema:
              type: string
              description: >-
                dc,sku,on_hand,safety_stock and optionally location (the bin: letters, digits, spaces inside and
                - . / _ #, at most 32 characters; empty for none)
          application/json:
            schema:
              type: array
              items:
                type: object
                required: [dc, sku, onHand]
                properties:
                  dc: { type: string }
                  sku: { type: string }
                  onHand: { type: integer }
                  safetyStock: { type: integer }
                  location:
                    type: string
                    maxLength: 32
                    description: The bin the DC keeps the SKU in, shown and sorted by on the pick list.
      responses:
        '200':
          description: Imported.
          content:
            application/json:
              schema:
                type: object
                required: [rows, nodes]
                properties:
                  rows: { type: integer }
                  nodes: { type: array, items: { type: string } }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '413': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/inventory/inbound:
    post:
      operationId: importInbound
      summary: Set the stock due per node, SKU and day (admin); each node named is replaced whole.
      description: >
        Stock on its way is never on hand. Where a retailer's profile allows backorders, an order no node can ship
        waits for it, until the day it is due, within the profile's backorder window.
      requestBody:
        required: true
        content:
          text/csv:
            schema: { type: string, description: 'dc,sku,quantity,due (due a day, 2026-12-10)' }
      responses:
        '200':
          description: Imported.
          content:
            application/json:
              schema:
                type: object
                required: [rows, nodes]
                properties:
                  rows: { type: integer }
                  nodes: { type: array, items: { type: string } }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '413': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/inventory/receipts:
    post:
      operationId: receiveStock
      summary: Receive stock (admin) and release the orders waiting for it, earliest ship-by first.
      description: >
        The units go on hand and leave what was due, earliest due first. Each waiting order (a backorder) for the
        SKUs is decided again; one the stock covers gets its reservations, pick tickets and 855 accept; the first it
        does not cover keeps waiting, and so do those after it.
      requestBody:
        required: true
        content:
          text/csv:
            schema: { type: string, description: 'dc,sku,quantity' }
      responses:
        '200':
          description: Received.
          content:
            application/json:
              schema:
                type: object
                required: [rows, released, waiting]
                properties:
                  rows: { type: integer }
                  released:
                    type: array
                    items:
                      type: object
                      required: [order, retailer, poNumber, outcome, nodes]
                      properties:
                        order: { type: integer }
                        retailer: { type: string }
                        poNumber: { type: string }
                        outcome: { type: string }
                        nodes: { type: array, items: { type: string } }
                  waiting: { type: array, items: { type: integer } }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '413': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/shipments:
    post:
      operationId: recordShipment
      summary: Record a shipment of an order (warehouse); the ASN and invoice the retailer expects go to the outbox.
      description: >
        Checked against the order's pick ticket and the retailer's profile before anything is written: a short
        shipment under fill-or-kill, more than was released, an unknown line or a tracking number that is not the
        carrier's is refused (422, every reason in `problems`). A late shipment, a carrier the profile does not map
        the PO's method to, or an ASN after its deadline is recorded and flagged with the fee it incurs.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [order, service, shippedAt, packages]
              properties:
                order: { type: integer }
                node: { type: string, description: "The node it left from; the order's only node when left out." }
                service: { type: string, description: 'Our carrier service (a service of the network file).' }
                shippedAt: { type: string, format: date-time }
                billOfLading: { type: string }
                packages:
                  type: array
                  minItems: 1
                  items:
                    type: object
                    required: [tracking, contents]
                    properties:
                      tracking: { type: string }
                      sscc: { type: string }
                      weight: { type: number, description: pounds }
                      dimensions:
                        type: object
                        required: [length, width, height]
                        properties:
                          length: { type: number }
                          width: { type: number }
                          height: { type: number }
                      contents:
                        type: array
                        items:
                          type: object
                          required: [line, quantity]
                          properties:
                            line: { type: string }
                            quantity: { type: number }
      responses:
        '201':
          description: Recorded.
          content:
            application/json:
              schema:
                type: object
                required: [shipment, order, state, node, flags, checks, documents]
                additionalProperties: false
                properties:
                  shipment: { type: integer }
                  order: { type: integer }
                  state: { type: string, enum: [open, released, shipped, cancelled] }
                  node: { type: string }
                  asnDue: { type: string, format: date-time }
                  flags: { type: array, items: { $ref: '#/components/schemas/FloorFlag' } }
                  checks: { type: array, items: { type: string } }
                  documents: { type: array, items: { $ref: '#/components/schemas/QueuedDocument' } }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '409': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Refused' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/orders/{id}/cancellations:
    post:
      operationId: cancelLines
      summary: Cancel units of an order from the floor (warehouse); the retailer is told, the stock released.
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [lines, reason]
              properties:
                node: { type: string }
                reason: { type: string, enum: [damaged, not-found, floor-other] }
                lines:
                  type: array
                  items:
                    type: object
                    required: [line, quantity]
                    properties:
                      line: { type: string }
                      quantity: { type: integer }
      responses:
        '201':
          description: Cancelled (the profile's fill rule may cancel more than was asked).
          content:
            application/json:
              schema:
                type: object
                required: [order, state, cancelled, flags, checks, documents]
                additionalProperties: false
                properties:
                  order: { type: integer }
                  state: { type: string, enum: [open, released, shipped, cancelled] }
                  cancelled:
                    type: array
                    items:
                      type: object
                      required: [line, sku, quantity, reason, collateral]
                      properties:
                        line: { type: string }
                        sku: { type: string }
                        quantity: { type: integer }
                        reason: { type: string }
                        collateral: { type: boolean }
                  flags: { type: array, items: { $ref: '#/components/schemas/FloorFlag' } }
                  checks: { type: array, items: { type: string } }
                  documents: { type: array, items: { $ref: '#/components/schemas/QueuedDocument' } }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '409': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Refused' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/outbox:
    get:
      operationId: listOutbox
      summary: What waits to leave the building, or left (admin).
      parameters:
        - name: state
          in: query
          schema: { type: string, enum: [pending, sending, sent, failed, withdrawn] }
      responses:
        '200':
          description: Outbox rows, oldest first.
          content:
            application/json:
              schema:
                type: object
                required: [documents]
                properties:
                  documents:
                    type: array
                    items: { $ref: '#/components/schemas/OutboxRow' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/feeds:
    get:
      operationId: listFeeds
      summary: Each retailer's feeds, last built and delivered, and when the next is due (admin).
      responses:
        '200':
          description: One line per retailer with a feed.
          content:
            application/json:
              schema:
                type: object
                required: [feeds]
                properties:
                  feeds:
                    type: array
                    items: { $ref: '#/components/schemas/FeedStatus' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /v1/status:
    get:
      operationId: getStatus
      summary: The profiles serving, the last reload and the documents in hand (admin).
      responses:
        '200':
          description: The service's state.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/ServiceStatus' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
  /healthz:
    get:
      operationId: liveness
      security: []
      responses:
        '200':
          description: The process answers.
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: { type: string, const: ok }
  /readyz:
    get:
      operationId: readiness
      security: []
      responses:
        '200':
          description: The store answers and a world is loaded.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Readiness' }
        '503':
          description: Not ready.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Readiness' }
  /metrics:
    get:
      operationId: metrics
      security: []
      responses:
        '200':
          description: Prometheus text exposition.
          content:
            text/plain:
              schema: { type: string }
  /openapi.yaml:
    get:
      operationId: openAPIDocument
      security: []
      responses:
        '200':
          description: This document.
          content:
            application/yaml:
              schema: { type: string }
  /warehouse/login:
    get:
      operationId: warehouseLoginForm
      summary: The warehouse pages' sign-in form.
      security: []
      parameters:
        - { name: next, in: query, schema: { type: string }, description: A /warehouse/ path to go on to. }
        - { name: dc, in: query, schema: { type: string } }
      responses:
        '200': { $ref: '#/components/responses/Page' }
    post:
      operationId: warehouseLogin
      summary: Sign in with a warehouse or admin key; the key is kept in an HttpOnly, SameSite=Strict cookie, Secure when a proxy says the browser came over HTTPS (X-Forwarded-Proto or Forwarded).
      security: []
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [key]
              properties:
                key: { type: string }
                dc: { type: string }
                next: { type: string }
      responses:
        '303':
          description: Signed in; `Set-Cookie` holds the key, `Location` the page to go on to.
          headers:
            Set-Cookie: { schema: { type: string } }
            Location: { schema: { type: string } }
        '401': { $ref: '#/components/responses/Page' }
        '403': { $ref: '#/components/responses/Page' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse:
    get:
      operationId: warehouseNodes
      summary: Which DC's floor to open.
      responses:
        '200': { $ref: '#/components/responses/Page' }
        '303': { $ref: '#/components/responses/SignIn' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
  /warehouse/deadlines:
    get:
      operationId: warehouseDeadlines
      summary: Every order nearing or past its acknowledge, ship or ASN deadline, with the fee at stake.
      description: |
        HTML (reloading itself every minute), or JSON or CSV with `Accept` or `?format=`. Due soon means within
        `dropgate serve --due-soon` hours (4 by default) of the deadline.
      parameters:
        - $ref: '#/components/parameters/Format'
      responses:
        '200': { $ref: '#/components/responses/Deadlines' }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse/{dc}/deadlines:
    get:
      operationId: warehouseNodeDeadlines
      summary: The deadlines of one DC's orders.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Format'
      responses:
        '200': { $ref: '#/components/responses/Deadlines' }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse/{dc}/picks:
    get:
      operationId: warehousePickList
      summary: The DC's open pick list, most urgent ship-by first.
      description: |
        Every pick ticket of an order still on the floor (open or released) at the DC with something left to pick
        there: retailer, PO, lines, the carrier service, packing-slip and gift-message rules, overdue orders marked
        in words. Each line shows what is still to pick (planned less what shipped or was cancelled at the DC),
        the planned units beside it where they differ, and its bin where the inventory gives one; an order's lines
        come in bin order. HTML for a tablet (a line done is struck through), JSON or CSV (`PickTicket.csvColumns`,
        one row per line still to pick) for a WMS, with `Accept` or `?format=`.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Format'
      responses:
        '200':
          description: The pick list.
          content:
            text/html:
              schema: { type: string }
            application/json:
              schema: { $ref: '#/components/schemas/PickList' }
            text/csv:
              schema: { type: string }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse/{dc}/orders/{order}/ticket:
    get:
      operationId: warehousePickTicket
      summary: A printable pick ticket, one page per ticket, with Code 128 barcodes of the PO and every SKU.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Order'
      responses:
        '200': { $ref: '#/components/responses/Page' }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse/{dc}/orders/{order}/packing-slip:
    get:
      operationId: warehousePackingSlip
      summary: The packing slip for the box, where the retailer wants one; no prices.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Order'
      responses:
        '200': { $ref: '#/components/responses/Page' }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse/{dc}/orders/{order}/ship:
    get:
      operationId: warehouseShipForm
      summary: The form that confirms a shipment (and cancels units that cannot ship).
      description: |
        Posts to this path: `service`, `shipped_at` (the DC's local time), `packages` (N), and per package i
        `p{i}.tracking`, `p{i}.weight` (lb), `p{i}.length`, `p{i}.width`, `p{i}.height` (in) and
        `p{i}.line.{lineNumber}` (units). The cancel form posts `line.{lineNumber}` and `reason`
        (damaged, not-found, other) to `/warehouse/{dc}/orders/{order}/cancel`.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Order'
        - { name: packages, in: query, schema: { type: integer, minimum: 1, maximum: 50 } }
      responses:
        '200': { $ref: '#/components/responses/Page' }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
    post:
      operationId: warehouseShip
      summary: Confirm a shipment from the form (warehouse); the browser goes on to the order's floor page.
      description: |
        The same review as `POST /v1/shipments`. Refused, the form comes back (422) with every reason and what was
        typed; recorded, 303 to `/warehouse/{dc}/orders/{order}/floor`.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Order'
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, additionalProperties: { type: string } }
      responses:
        '303': { description: 'Recorded (to the floor page), or no key (to the sign-in page).' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '409': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Page' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse/{dc}/orders/{order}/cancel:
    post:
      operationId: warehouseCancel
      summary: Cancel units from the form (warehouse); the browser goes on to the order's floor page.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Order'
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, additionalProperties: { type: string } }
      responses:
        '303': { description: 'Recorded (to the floor page), or no key (to the sign-in page).' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '409': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Page' }
        '503': { $ref: '#/components/responses/Busy' }
  /warehouse/{dc}/orders/{order}/floor:
    get:
      operationId: warehouseFloor
      summary: What the floor recorded for an order, the fees flagged and the documents sent to the retailer.
      parameters:
        - $ref: '#/components/parameters/DC'
        - $ref: '#/components/parameters/Order'
      responses:
        '200': { $ref: '#/components/responses/Page' }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
  /operations/scorecard:
    get:
      operationId: operationsScorecard
      summary: The operations lead's scorecard and fee forecast, per retailer, DC and day (admin key).
      description: |
        A month (`month=2026-11`, the current one by default) reckoned in each retailer's time zone: POs, units,
        on-time ship and ASN rates, cancels, reroutes, fees avoided, incurred and at risk, each metric against the
        profile's threshold, and each fee against its allowance with the month's forecast. HTML with SVG plots, or
        the `Scorecard` as JSON with `Accept` or `?format=json`. `retailer=` narrows it to one retailer. A warehouse
        key is refused (403): fees and allowances are not the floor's business.
      parameters:
        - name: month
          in: query
          schema: { type: string, pattern: '^[0-9]{4}-[0-9]{2}$' }
        - name: retailer
          in: query
          schema: { type: string }
        - $ref: '#/components/parameters/Format'
      responses:
        '200':
          description: The scorecard.
          content:
            text/html:
              schema: { type: string }
            application/json:
              schema: { $ref: '#/components/schemas/Scorecard' }
        '303': { $ref: '#/components/responses/SignIn' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '403': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
        '500': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Error' }
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
    apiKey:
      type: apiKey
      in: header
      name: X-API-Key
    warehouseCookie:
      type: apiKey
      in: cookie
      name: dropgate_key
  parameters:
    Partner:
      name: partner
      in: path
      required: true
      schema: { type: string }
    ID:
      name: id
      in: path
      required: true
      schema: { type: integer, minimum: 1 }
    DC:
      name: dc
      in: path
      required: true
      schema: { type: string }
    Order:
      name: order
      in: path
      required: true
      schema: { type: integer, minimum: 1 }
    Format:
      name: format
      in: query
      schema: { type: string, enum: [html, json, csv] }
  responses:
    Page:
      description: A warehouse page (HTML).
      content:
        text/html:
          schema: { type: string }
    SignIn:
      description: A page asked for without a (good) key; `Location` is the sign-in form, which comes back here.
      headers:
        Location: { schema: { type: string } }
    Deadlines:
      description: The deadlines, most urgent first.
      content:
        text/html:
          schema: { type: string }
        application/json:
          schema: { $ref: '#/components/schemas/DeadlineList' }
        text/csv:
          schema: { type: string }
    Error:
      description: What was wrong, in words.
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Error' }
    Refused:
      description: Refused; nothing was written. Every reason is in `problems`.
      content:
        application/json:
          schema:
            type: object
            required: [error]
            properties:
              error:
                type: object
                required: [message, problems]
                properties:
                  message: { type: string }
                  problems: { type: array, items: { type: string } }
    Busy:
      description: Not now; nothing was kept. Ask again after `Retry-After` seconds.
      headers:
        Retry-After:
          schema: { type: integer }
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Error' }
  schemas:
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [message]
          properties:
            message: { type: string }
    FloorFlag:
      type: object
      required: [violation, detail]
      additionalProperties: false
      properties:
        violation: { type: string }
        detail: { type: string }
        fee: { type: string, description: 'The fee the profile sets, e.g. "5.00 USD"; absent when it sets none.' }
        allowance: { type: string }
    QueuedDocument:
      type: object
      required: [id, kind, name]
      additionalProperties: false
      properties:
        id: { type: integer }
        kind: { type: string }
        name: { type: string }
    Accepted:
      type: object
      required: [document, redelivery, location]
      additionalProperties: false
      properties:
        document: { type: integer }
        redelivery: { type: boolean }
        location: { type: string }
    Document:
      type: object
      required: [id, origin, format, receivedAt, status, finished, problems, bytes, answers]
      additionalProperties: false
      properties:
        id: { type: integer }
        partner: { type: string }
        origin: { type: string }
        format: { type: string, enum: [x12, cxml, xml, unknown] }
        receivedAt: { type: string, format: date-time }
        status:
          type: string
          enum: [received, accepted, accepted-with-errors, rejected, unreadable, duplicate]
        finished: { type: boolean }
        problems: { type: array, items: { type: string } }
        bytes: { type: integer }
        answers: { type: array, items: { $ref: '#/components/schemas/OutboxRow' } }
    Outcome:
      type: string
      enum: [ship, reroute, split, backorder, cancel, reject]
    OrderRow:
      type: object
      required: [id, retailer, poNumber, outcome, nodes, receivedAt]
      additionalProperties: false
      properties:
        id: { type: integer }
        retailer: { type: string }
        poNumber: { type: string }
        purpose: { type: string }
        outcome: { $ref: '#/components/schemas/Outcome' }
        nodes: { type: array, items: { type: string } }
        acknowledgeBy: { type: string, format: date-time }
        shipBy: { type: string, format: date-time }
        receivedAt: { type: string, format: date-time }
        document: { type: integer }
    OrderDetail:
      type: object
      required: [decision, order, documents]
      additionalProperties: false
      properties:
        decision:
          type: object
          description: The routing decision as recorded — every rule checked, every DC considered and why.
          required: [outcome, retailer, poNumber]
          properties:
            outcome: { $ref: '#/components/schemas/Outcome' }
            retailer: { type: string }
            poNumber: { type: string }
        order: { $ref: '#/components/schemas/OrderRow' }
        documents: { type: array, items: { $ref: '#/components/schemas/OutboxRow' } }
        explanation: { type: string }
        retailerChanges:
          description: The retailer's change and cancel requests for the order (860, cXML update or delete), oldest first.
          type: array
          items: { $ref: '#/components/schemas/ChangeRequestRow' }
    ChangeRequestRow:
      type: object
      description: A retailer's change or cancel request and the verdict on it.
      required: [id, retailer, poNumber, receivedAt, verdict]
      additionalProperties: false
      properties:
        id: { type: integer }
        retailer: { type: string }
        poNumber: { type: string }
        order: { type: integer }
        receivedAt: { type: string, format: date-time }
        verdict: { type: string, enum: [accepted, partly-accepted, refused] }
        reason: { type: string }
        changeNumber: { type: string }
    OutboxRow:
      type: object
      required: [id, kind, partner, name, state, createdAt]
      additionalProperties: false
      properties:
        id: { type: integer }
        kind:
          type: string
          enum: ['997', '999', TA1, '855', '865', '870', cxml-confirmation, '856', '810', cxml-ship-notice, cxml-invoice, pick-ticket, explanation]
        partner: { type: string }
        name: { type: string }
        state: { type: string, enum: [pending, sending, sent, failed, withdrawn] }
        order: { type: integer }
        inReplyTo: { type: integer }
        destination: { type: string }
        createdAt: { type: string, format: date-time }
        acknowledgement:
          type: string
          description: >-
            What the partner's 997/999 said of the X12 group this row sent (855, 856, 810, 865); awaiting while
            none came back. Absent for a row no 997 answers.
          enum: [awaiting, accepted, accepted-with-errors, partially-accepted, rejected]
        acknowledgementErrors: { type: string, description: "The 997's errors (AK3/AK4/AK5/AK9), one line each." }
        acknowledgedBy: { type: integer, description: The inbound document that carried the 997. }
    NodeSwitchChange:
      type: object
      additionalProperties: false
      properties:
        enabled: { type: boolean }
        closedFrom: { type: string, format: date-time }
        closedUntil: { type: string, format: date-time }
        clearWindows: { type: boolean }
        reason: { type: string }
    NodeSwitch:
      type: object
      required: [node, closedWindows, setAt, setBy]
      properties:
        node: { type: string }
        enabled: { type: boolean }
        closedWindows:
          type: array
          items:
            type: object
            required: [from, until]
            properties:
              from: { type: string, format: date-time }
              until: { type: string, format: date-time }
              reason: { type: string }
        setAt: { type: string, format: date-time }
        setBy: { type: string }
        reason: { type: string }
    FeedStatus:
      type: object
      required:
        [retailer, format, destination, acceptedOn, awaitingAcknowledgement, acknowledgementOverdue, failuresSinceDelivered, due]
      additionalProperties: false
      properties:
        retailer: { type: string }
        format: { type: string }
        destination: { type: string }
        acceptedOn:
          type: string
          enum: [delivery, '997']
          description: >-
            When a run counts as accepted (the next delta is taken against the last accepted run): on delivery, or
            once the retailer's 997 accepts the 846.
        lastBuilt: { type: string, format: date-time }
        lastDelivered: { type: string, format: date-time }
        lastAccepted: { type: string, format: date-time, description: When the last accepted run was built. }
        lastState: { type: string }
        lastAcknowledgement:
          type: string
          description: >-
            What the retailer's 997/999 said of the last delivered runs; awaiting while a run accepted on a 997
            waits for it.
          enum: [awaiting, accepted, accepted-with-errors, partially-accepted, rejected]
        acknowledgementErrors: { type: string, description: "The errors that 997 reported, one line each." }
        awaitingAcknowledgement: { type: boolean, description: Whether a delivered run waits for the 997 that would accept it. }
        awaitingSince: { type: string, format: date-time, description: When the earliest run waiting for its 997 was delivered. }
        acknowledgementOverdue: { type: boolean, description: "Whether that 997 is past the profile's acknowledgement-due." }
        failuresSinceDelivered: { type: integer }
        nextDue: { type: string, format: date-time }
        due: { type: boolean }
    ServiceStatus:
      type: object
      required: [profiles, loadedAt, reloads, failedReloads, documentsInHand, capacity]
      additionalProperties: false
      properties:
        profiles: { type: array, items: { type: string } }
        loadedAt: { type: string, format: date-time }
        reloads: { type: integer }
        failedReloads: { type: integer }
        refusedEdit: { type: array, items: { type: string } }
        refusedAt: { type: string, format: date-time }
        documentsInHand: { type: integer }
        capacity: { type: integer }
    Readiness:
      type: object
      required: [status]
      properties:
        status: { type: string }
        profiles: { type: string }
        reason: { type: string }
    Scorecard:
      type: object
      required: [month, asOf, retailers]
      additionalProperties: false
      properties:
        month: { type: string, pattern: '^[0-9]{4}-[0-9]{2}$' }
        asOf: { type: string, format: date-time }
        retailers:
          type: array
          items:
            type: object
            required: [retailer, name, timeZone, from, until, daysElapsed, daysInMonth, total, nodes, metrics, fees, days]
            additionalProperties: false
            properties:
              retailer: { type: string }
              name: { type: string }
              timeZone: { type: string }
              from: { type: string, format: date-time }
              until: { type: string, format: date-time }
              daysElapsed: { type: number, minimum: 0 }
              daysInMonth: { type: integer, minimum: 28, maximum: 31 }
              total: { $ref: '#/components/schemas/ScorecardFigures' }
              nodes:
                type: array
                items:
                  type: object
                  required: [node, figures]
                  additionalProperties: false
                  properties:
                    node: { type: string }
                    figures: { $ref: '#/components/schemas/ScorecardFigures' }
              metrics:
                type: array
                items:
                  type: object
                  required: [metric, threshold]
                  additionalProperties: false
                  properties:
                    metric: { type: string }
                    threshold: { type: number }
                    actual: { type: number }
                    projected: { type: number }
                    meets: { type: boolean }
              fees:
                type: array
                items:
                  type: object
                  required: [violation, fee, count, base, free, charged, incurred, projectedBase, projectedCount,
                    projectedFree, projectedIncurred, remainingFree, atRisk, countsUnits, estimated]
                  additionalProperties: false
                  properties:
                    violation: { type: string }
                    fee: { type: string }
                    count: { type: integer, minimum: 0 }
                    base: { type: integer, minimum: 0 }
                    free: { type: integer, minimum: 0 }
                    charged: { type: integer, minimum: 0 }
                    incurred: { $ref: '#/components/schemas/Money' }
                    projectedBase: { type: integer, minimum: 0 }
                    projectedCount: { type: integer, minimum: 0 }
                    projectedFree: { type: integer, minimum: 0 }
                    projectedIncurred: { $ref: '#/components/schemas/Money' }
                    remainingFree: { type: integer, minimum: 0 }
                    nextFee: { $ref: '#/components/schemas/Money' }
                    atRisk: { $ref: '#/components/schemas/Money' }
                    countsUnits: { type: boolean }
                    estimated:
                      type: boolean
                      description: >-
                        projectedIncurred, nextFee and atRisk are estimates at an average order's value (a fee that is
                        a share of the order's value); incurred is exact.
              days:
                type: array
                items:
                  type: object
                  required: [day, shipDue, shippedOnTime, feesAvoided, feesIncurred, cancelledUnitsByNode, unitsByNode]
                  additionalProperties: false
                  properties:
                    day: { type: string, format: date }
                    shipDue: { type: integer, minimum: 0 }
                    shippedOnTime: { type: integer, minimum: 0 }
                    feesAvoided: { $ref: '#/components/schemas/Money' }
                    feesIncurred: { $ref: '#/components/schemas/Money' }
                    cancelledUnitsByNode: { type: object, additionalProperties: { type: integer, minimum: 0 } }
                    unitsByNode: { type: object, additionalProperties: { type: integer, minimum: 0 } }
    Money:
      description: An amount in one currency, exact (a decimal number, never rounded through binary floating point).
      type: object
      required: [amount, currency]
      additionalProperties: false
      properties:
        amount: { type: number }
        currency: { type: string, pattern: '^[A-Z]{3}$' }
    ScorecardFigures:
      type: object
      required: [orders, units, shipDue, shippedOnTime, shippedLate, asnDue, asnOnTime, asnLate, cancelledOrders,
        cancelledUnits, reroutes, shipments, carrierCompliantShipments, feesAvoided, feesIncurred, feesAtRisk]
      additionalProperties: false
      properties:
        orders: { type: integer, minimum: 0 }
        units: { type: integer, minimum: 0 }
        shipDue: { type: integer, minimum: 0 }
        shippedOnTime: { type: integer, minimum: 0 }
        shippedLate: { type: integer, minimum: 0 }
        asnDue: { type: integer, minimum: 0 }
        asnOnTime: { type: integer, minimum: 0 }
        asnLate: { type: integer, minimum: 0 }
        cancelledOrders: { type: integer, minimum: 0 }
        cancelledUnits: { type: integer, minimum: 0 }
        reroutes: { type: integer, minimum: 0 }
        shipments: { type: integer, minimum: 0, description: Shipments made in the month. }
        carrierCompliantShipments:
          type: integer
          minimum: 0
          description: Shipments that went with a carrier service the profile maps the PO's ship method to.
        feesAvoided: { $ref: '#/components/schemas/Money' }
        feesIncurred: { $ref: '#/components/schemas/Money' }
        feesAtRisk: { $ref: '#/components/schemas/Money' }
    PickList:
      type: object
      required: [dc, at, orders]
      additionalProperties: false
      properties:
        dc: { type: string }
        at: { type: string, format: date-time }
        orders:
          type: array
          items:
            type: object
            required: [order, state, urgency, retailer, poNumber, shipBy, ticket, links]
            additionalProperties: false
            properties:
              order: { type: integer }
              state: { type: string, enum: [open, released] }
              urgency: { type: string, enum: [overdue, due-soon, on-time] }
              retailer: { type: string }
              poNumber: { type: string }
              acknowledgeBy: { type: string, format: date-time }
              shipBy: { type: string, format: date-time }
              ticket: { $ref: '#/components/schemas/PickTicket' }
              links:
                type: object
                required: [ticket, ship]
                additionalProperties: false
                properties:
                  ticket: { type: string }
                  packingSlip: { type: string }
                  ship: { type: string }
    PickTicket:
      type: object
      description: >-
        The pick ticket as the gateway wrote it to the outbox, each line with the bin (`location`) its DC kept the
        SKU in when it was decided, where the inventory gave one; times carry their zone's offset. In the pick list,
        as it stands on the floor: `quantity` is what is left to pick, `planned` is filled in, `location` is the
        bin now.
      required: [id, retailer, retailerName, poNumber, node, service, nodeTimeZone, retailerTimeZone, shipAt, shipBy,
        shipByAtNode, lines, notes, packingSlip]
      properties:
        id: { type: string }
        retailer: { type: string }
        retailerName: { type: string }
        poNumber: { type: string }
        node: { type: string }
        service: { type: string }
        nodeTimeZone: { type: string }
        retailerTimeZone: { type: string }
        shipAt: { type: string }
        shipBy: { type: string }
        shipByAtNode: { type: string }
        shipTo: { type: object }
        giftMessage: { type: string }
        notes: { type: array }
        packingSlip: { type: boolean }
        lines:
          type: array
          items:
            type: object
            required: [lineNumber, sku, quantity, giftWrap, hazmat, oversize]
            properties:
              lineNumber: { type: string }
              sku: { type: string }
              upc: { type: string }
              retailerItemID: { type: string, description: "The retailer's own item number, as its PO gave it." }
              description: { type: string }
              quantity: { type: integer, minimum: 0 }
              planned:
                type: integer
                minimum: 0
                description: The units the ticket planned, where some shipped or were cancelled at the DC.
              location: { type: string, description: The bin the DC keeps the SKU in. }
              giftWrap: { type: boolean }
              hazmat: { type: boolean }
              oversize: { type: boolean }
              components:
                type: array
                description: What to pick for a kit line, scaled to what is left of the kit.
                items:
                  type: object
                  required: [sku, quantityPerKit, quantity]
                  properties:
                    sku: { type: string }
                    upc: { type: string }
                    description: { type: string }
                    quantityPerKit: { type: integer, minimum: 1 }
                    quantity: { type: integer, minimum: 0 }
                    location: { type: string }
    DeadlineList:
      type: object
      required: [at, dueSoonSeconds, entries]
      additionalProperties: false
      properties:
        dc: { type: string }
        at: { type: string, format: date-time }
        dueSoonSeconds: { type: number }
        entries:
          type: array
          items:
            type: object
            required: [order, retailer, poNumber, nodes, step, status, deadline, deadlineAtRetailer, lateBySeconds]
            additionalProperties: false
            properties:
              order: { type: integer }
              retailer: { type: string }
              poNumber: { type: string }
              nodes: { type: array, items: { type: string } }
              step: { type: string, enum: [ack, ship, asn] }
              status: { type: string, enum: [overdue, due-soon, done-late] }
              deadline: { type: string, format: date-time }
              deadlineAtRetailer: { type: string }
              deadlineAtNode: { type: string }
              doneAt: { type: string, format: date-time }
              lateBySeconds: { type: number }
              fee: { type: string }
              feeAtStake: { type: string }
        changeRequests:
          description: >-
            Retailers' change or cancel requests of the last week refused whole or naming a PO never recorded:
            someone's to look at.
          type: array
          items: { $ref: '#/components/schemas/ChangeRequestRow' }

"""#
}
