public import Orders
public import Profiles
