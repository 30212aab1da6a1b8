public import Orders
public import X12
