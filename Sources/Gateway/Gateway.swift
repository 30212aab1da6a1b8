public import Orders
