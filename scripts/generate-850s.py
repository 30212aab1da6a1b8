#!/usr/bin/env python3
"""Writes a file of Walmart dropship 850s, the same bytes `dropgate-bench` measures
(Benchmarks/Sources/dropgate-bench/X12Benchmarks.swift, `interchange(megabytes:)`): one interchange, groups of at most
9,999 sets, five lines an order, SKUs of the sample catalog (fixtures/items.csv, PO107 VN), so that POs route.

    scripts/generate-850s.py 100 /tmp/850s-100mb.x12

Refuses to write over a file that exists.
"""
import os
import sys

FIRST = ["KAREN", "MICHAEL", "JENNIFER", "DAVID", "PATRICIA", "JAMES", "LINDA", "ROBERT", "ELIZABETH", "WILLIAM",
         "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA", "THOMAS", "SARAH", "CHRISTOPHER", "NANCY", "DANIEL"]
LAST = ["MCALLISTER", "RODRIGUEZ", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "MARTINEZ",
        "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMPSON", "MOORE", "JACKSON", "MARTIN", "LEE",
        "PEREZ", "WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "WALKER", "YOUNG"]
STREETS = ["PHILLIPS AVE", "MAPLE STREET", "OAK RIDGE ROAD", "WASHINGTON BLVD", "LAKEVIEW DRIVE", "CEDAR LANE",
           "HIGHLAND AVENUE", "MILL CREEK PKWY", "SUNSET TERRACE", "RIVERSIDE DR APT 4B", "PINE HOLLOW CT"]
PLACES = [("PITTSBURGH", "PA", "15217"), ("COLUMBUS", "OH", "43215"), ("AUSTIN", "TX", "78701"),
          ("SACRAMENTO", "CA", "95814"), ("DENVER", "CO", "80202"), ("CHARLOTTE", "NC", "28202"),
          ("PORTLAND", "OR", "97205"), ("NASHVILLE", "TN", "37203"), ("MADISON", "WI", "53703"),
          ("ORLANDO", "FL", "32801"), ("BOISE", "ID", "83702"), ("RICHMOND", "VA", "23219")]
FABRICS = ["COTTON PERCALE", "LINEN BLEND", "BAMBOO SATEEN", "FLANNEL", "MICROFIBER", "EGYPTIAN COTTON",
           "JERSEY KNIT", "TENCEL LYOCELL", "WAFFLE WEAVE", "CHAMBRAY"]
PRODUCTS = ["SHEET SET QUEEN WHITE", "DUVET COVER KING GREY", "PILLOWCASE PAIR STD IVORY", "QUILT FULL NAVY",
            "THROW BLANKET 50X60 SAGE", "BATH TOWEL SET 6PC WHITE", "SHOWER CURTAIN 72IN", "TABLE RUNNER 90IN OAT",
            "CURTAIN PANEL 84IN BLUSH", "MATTRESS PAD TWIN XL", "COMFORTER SET CAL KING", "BED SKIRT QUEEN 14IN DROP",
            "CRIB SHEET 2PK MINT", "NAPKIN SET OF 8 RUST", "KITCHEN TOWEL 4PK STRIPE", "BATH RUG 20X32 CHARCOAL",
            "SHAM PAIR EURO 26IN", "WEIGHTED BLANKET 15LB", "ROBE UNISEX L/XL WHITE", "DISH CLOTH 12PK ASSORTED",
            "HAND TOWEL SET 4PC TAUPE", "BEACH TOWEL 36X70 STRIPE", "OTTOMAN COVER SQUARE", "CHAIR PAD SET OF 4 GREY",
            "APRON ADJUSTABLE DENIM", "TABLECLOTH 60X102 WHITE", "PLACEMAT SET OF 6 JUTE", "DRAPE LINER 84IN IVORY",
            "BODY PILLOW COVER 20X54", "FITTED SHEET FULL SAND"]


def purchase_order(number, control):
    st = "%04d" % control
    name = "%s %s %s" % (FIRST[number % 20], chr(65 + number // 600 % 26), LAST[number // 20 % 30])
    city, state, zip_code = PLACES[number % 12]
    street = "%d %s" % (100 + number % 9900, STREETS[number // 7 % 11])
    segments = [
        "ST*850*" + st, "BEG*00*DS*%d**20261124" % (4792000000 + number), "CUR*BY*USD",
        "REF*CO*%d" % (2000127000000 + number), "REF*DP*00074", "DTM*067*20261125",
        "TD5*O*2*FDEG*M*FEDEX HOME DELIVERY*******SG", "N1*ST*" + name, "N3*" + street,
        "N4*%s*%s*%s*US" % (city, state, zip_code), "PER*IC*%s*TE*%d" % (name, 2125550000 + number % 10000),
        "N1*BT*WALMART.COM*92*0000000", "N1*SF*HARBOR AND PINE HOME CO EDISON NJ*92*EWR1",
    ]
    for line in range(1, 6):
        item = (number * 7 + line * 13) % 300
        sku = 10001 + item
        price = "%d.%s" % (12 + item % 37, "99" if item % 2 == 0 else "49")
        segments.append("PO1*%d*%d*EA*%s**SK*5578%d*VN*HP-%d*UP*0845121%d0" % (line, line, price, sku, sku, sku))
        segments.append("PID*F****%s %s" % (FABRICS[item % 10], PRODUCTS[item // 10 % 30]))
    segments.append("CTT*5")
    segments.append("SE*%d*%s" % (len(segments) + 1, st))
    return "".join(s + "~\n" for s in segments)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate-850s.py MEGABYTES FILE")
    megabytes, path = int(sys.argv[1]), sys.argv[2]
    limit = megabytes * 1_000_000
    try:
        out = open(path, "x")
    except FileExistsError:
        sys.exit("%s: exists; not overwritten (give a new file)" % path)
    with out:
        size = 0
        def write(text):
            nonlocal size
            out.write(text)
            size += len(text)
        write("ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*0600*U*00401*000018233*0*P*>~\n")
        number = groups = 0
        while size < limit:
            groups += 1
            write("GS*PO*925485US00*HARBORPINE*20261124*0600*%d*X*004010~\n" % groups)
            sets = 0
            while sets < 9999 and size < limit:
                sets += 1
                number += 1
                write(purchase_order(number, sets))
            write("GE*%d*%d~\n" % (sets, groups))
        write("IEA*%d*000018233~\n" % groups)
    print("%s: %d POs, %d bytes" % (path, number, size), file=sys.stderr)


if __name__ == "__main__":
    main()
